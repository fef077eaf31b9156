import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A file being written, with a buffer, that reports every failed write (a full disk, a
/// removed folder) as a `BuildError` naming the file. A class only to own the descriptor.
final class OutputFile {
    let path: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private static let flushThreshold = 1 << 20

    init(path: String) throws(BuildError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            throw BuildError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    func append(_ bytes: some Sequence<UInt8>) throws(BuildError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    func append(_ text: String) throws(BuildError) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Appends in place through `body`, so hot loops can format numbers without allocating.
    func withBuffer(_ body: (inout [UInt8]) -> Void) throws(BuildError) {
        body(&buffer)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    func flush() throws(BuildError) {
        var offset = 0
        let failure: String? = buffer.withUnsafeBytes { raw in
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
        buffer.removeAll(keepingCapacity: true)
        if let failure { throw BuildError.cannotWrite(path: path, reason: failure) }
    }

    /// Flushes and closes, reporting a failure to close (which is where NFS and full disks
    /// sometimes first say so).
    func finish() throws(BuildError) {
        try flush()
        let result = close(descriptor)
        descriptor = -1
        if result != 0 { throw BuildError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Writes `bytes` to `path` in one go.
    static func write(_ bytes: some Sequence<UInt8>, to path: String) throws(BuildError) {
        let file = try OutputFile(path: path)
        try file.append(bytes)
        try file.finish()
    }

    static func write(_ text: String, to path: String) throws(BuildError) {
        try write(Array(text.utf8), to: path)
    }
}
