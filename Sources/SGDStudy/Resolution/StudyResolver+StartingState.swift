import SGDEngine

extension StudyResolver {
    /// The spreadsheet RMSProp divides each step by √sqr of the row before, and the spreadsheet
    /// Adagrad by the previous epoch's gradient size, which is `state.sqr` before any epoch: a
    /// weight whose starting `sqr` is 0 (the default) is divided by zero on the first step, so
    /// the run could only diverge there. Refused where the optimizer is written, with the
    /// workbook's own starting value as the fix.
    mutating func checkStartingSquares(_ spec: RunSpec, optimizer: Optimizer, square: [String: Double]?, parameterNames names: [String]) {
        let what: String
        switch optimizer {
        case .rmsprop(_, _, _, .spreadsheet):
            what = "the spreadsheet RMSProp divides each step by √sqr of the row before"
        case .adagrad(_, _, .spreadsheet):
            what = "the spreadsheet Adagrad divides each step by the previous epoch's gradient size, which is sqr before the first epoch"
        default:
            return
        }
        let zero = names.filter { (square?[$0] ?? 0) == 0 }
        guard !zero.isEmpty else { return }
        let starting = names.map { "\"\($0)\": 10000" }.joined(separator: ", ")
        reader.report(
            "\(what), and sqr starts at 0 for \(zero.joined(separator: ", ")), so the first step divides by zero",
            path: spec.optimizer.location == nil ? spec.path : spec.optimizer.path, at: spec.optimizer.location ?? spec.location,
            hint: "give the run \"state\": { \"sqr\": { \(starting) } } (the workbook's reset starts there, then warms it with \"warmupEpochs\"), or use \"variant\": \"\(optimizer.isAdagrad ? "pytorch" : "fastai")\"")
    }
}

extension Optimizer {
    fileprivate var isAdagrad: Bool {
        if case .adagrad = self { return true }
        return false
    }
}
