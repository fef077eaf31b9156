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

/// The problem `CSVColumnReader` reports for a CSV file's bytes (nil when it reads), with the
/// columns of the README's example (`Hours`, `Score`) unless given.
func csvProblem(_ bytes: [UInt8], x: CSVColumn = .name("Hours"), y: CSVColumn? = .name("Score")) -> CSVColumnReader.Problem? {
    do {
        _ = try CSVColumnReader(x: x, y: y).read(bytes)
        return nil
    } catch {
        return error
    }
}

/// `csvProblem` of a CSV file's text.
func csvProblem(_ text: String, x: CSVColumn = .name("Hours"), y: CSVColumn? = .name("Score")) -> CSVColumnReader.Problem? {
    csvProblem(Array(text.utf8), x: x, y: y)
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
