import CCairo

/// A failure inside Cairo, with the operation that failed and Cairo's own message.
package struct CairoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What sgdreport was doing ("creating the PNG surface", "writing the PNG").
    package var operation: String
    /// Cairo's description of its status ("out of memory", "invalid matrix …").
    package var message: String
    /// Cairo's numeric status.
    package var status: Int32

    package init(operation: String, message: String, status: Int32) {
        self.operation = operation
        self.message = message
        self.status = status
    }

    init(operation: String, status: cairo_status_t) {
        self.init(operation: operation, message: String(cString: cairo_status_to_string(status)),
                  status: Int32(bitPattern: status.rawValue))
    }

    package var description: String { "Cairo failed while \(operation): \(message)" }

    /// Throws when `status` is not success.
    static func check(_ status: cairo_status_t, _ operation: @autoclosure () -> String) throws {
        if status != CAIRO_STATUS_SUCCESS { throw CairoError(operation: operation(), status: status) }
    }
}
