/// How the derivatives that drive an update are obtained.
public struct Derivatives: Sendable, Equatable {
    package enum Method: String, Sendable, Equatable, CaseIterable, Codable {
        /// Backpropagation: exact derivatives of the squared error.
        case analytic
        /// (loss(p + ε) − loss(p)) / ε — the spreadsheets' "est de/da" columns.
        case forward
        /// (loss(p + ε) − loss(p − ε)) / 2ε.
        case central
    }

    package var method: Method
    /// The step of the finite differences (the spreadsheets use 0.01).
    package var epsilon: Double
    /// Also record the forward-difference estimate as `est_<p>`, beside whatever drives the update.
    package var check: Bool

    package init(method: Method = .analytic, epsilon: Double = 0.01, check: Bool = false) {
        self.method = method
        self.epsilon = epsilon
        self.check = check
    }

    package static let analytic = Derivatives()
}
