import SGDStudy

/// Reads a study from JSON text as if it were `studies/test.json`.
func readStudy(_ json: String, file: String = "studies/test.json", limits: StudyLimits = .standard) throws(StudyFileError) -> Study {
    try StudyReader(limits: limits).read(bytes: Array(json.utf8), file: file)
}

/// The diagnostics of a study that must fail, one string each (`file:line:col: error: path: message`),
/// and their hints.
func problems(_ json: String, file: String = "studies/test.json", limits: StudyLimits = .standard) -> [Diagnostic] {
    do {
        _ = try readStudy(json, file: file, limits: limits)
        return []
    } catch {
        return error.diagnostics
    }
}

/// The whole rendered report of a study that must fail.
func report(_ json: String, file: String = "studies/test.json") -> String {
    do {
        _ = try readStudy(json, file: file)
        return ""
    } catch {
        return error.description
    }
}

let minimalRun = #"{ "name": "1 neuron", "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001 } }"#
