import Foundation

extension StudyDecoder {
    static let csvDataKeys = ["csv", "x", "y", "target", "delimiter", "decimal", "normalize"]
    /// CSV files larger than this are refused before they are read.
    static let maximumCSVBytes = 1 << 30

    /// `{ "csv": "measurements.csv", "x": "Hours", "y": "Score" }` (SPEC §4.2): checks the keys,
    /// confines the path to the study's folder, reads the file and its two columns. A problem in
    /// the file is reported against the CSV file, its line and column.
    mutating func decodeCSVData(_ node: JSONNode, path: String) -> Field<DataSpec>? {
        guard let object = reader.object(node, path: path, keys: Self.csvDataKeys, required: ["csv", "x"], what: "data") else {
            return nil
        }
        if object.has("y") && object.has("target") {
            reader.report("data has both \"y\" and \"target\"; give one", node: node, path: path, hint: "remove \"target\" to train on the file's y column, or \"y\" to train on the target line")
            return nil
        }
        // The file, the columns, the delimiter and the decimal separator are each checked; the
        // file is read only when they all are valid.
        let written = object["csv"].flatMap { reader.string($0.node, path: $0.path, what: "csv") }
        let x = object["x"].flatMap { decodeColumn($0.node, path: $0.path, key: "x") }
        var settingsOK = x != nil
        var y: CSVColumn?
        var target: (slope: Double, intercept: Double)?
        if let (yNode, yPath) = object["y"] {
            y = decodeColumn(yNode, path: yPath, key: "y")
            settingsOK = settingsOK && y != nil
        } else if let (targetNode, targetPath) = object["target"] {
            target = decodeTarget(targetNode, path: targetPath)
            settingsOK = settingsOK && target != nil
        } else if object.hasOrMisspells("y") || object.hasOrMisspells("target") {
            // A misspelt "y" or "target" is reported as an unknown key: one mistake, one message.
            settingsOK = false
        } else {
            reader.report(
                "data needs \"y\" (the column of targets) or \"target\"", node: node, path: path,
                hint: "add \"y\": \"Score\" (a header name) or \"y\": 2 (a column number)")
            settingsOK = false
        }
        var delimiter: String?
        var delimiterField: Field<String>?
        if let (n, p) = object["delimiter"], let given = reader.string(n, path: p, what: "delimiter") {
            if given.value.count == 1, let character = given.value.first, character != "\"", !character.isNewline {
                delimiter = given.value
                delimiterField = given
            } else {
                reader.report(
                    "the delimiter must be one character other than a quote or a line break, got \"\(given.value)\"", field: given,
                    hint: "\",\", \";\" or \"\\t\" (tab)")
                settingsOK = false
            }
        } else if object.has("delimiter") {
            settingsOK = false
        }
        var decimal: CSVDecimal?
        if let (n, p) = object["decimal"], let given = reader.string(n, path: p, what: "decimal") {
            if let value = CSVDecimal(rawValue: given.value) {
                decimal = value
            } else {
                reader.report("decimal must be \".\" or \",\", got \"\(given.value)\"", field: given, hint: "write \",\" for numbers such as 1,5 or \".\" for 1.5")
                settingsOK = false
            }
        } else if object.has("decimal") {
            settingsOK = false
        }
        if let field = delimiterField, let problem = Self.delimiterProblem(field.value, decimal: decimal, decimalWasRead: !object.has("decimal") || decimal != nil) {
            reader.report(problem.message, field: field, hint: problem.hint)
            settingsOK = false
        }
        if delimiter == ",", decimal == .comma {
            reader.report(
                "a comma cannot be both the delimiter and the decimal point", node: node, path: path,
                hint: "export with ; as separator, or leave \"decimal\" out (quoted values like \"1,5\" then need \"decimal\": \",\" with another delimiter)")
            settingsOK = false
        }
        guard let written, let csvPath = object["csv"]?.path else { return nil }

        let file: StudyFolderPath
        do {
            file = try StudyFolderPath.confine(written.value, studyFile: reader.file, what: "CSV")
        } catch {
            reader.report(error.message, field: written, hint: error.hint)
            return nil
        }
        guard settingsOK, let x else { return nil }
        let bytes: [UInt8]
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: file.resolved)[.size] as? Int) ?? 0
            if size > Self.maximumCSVBytes {
                reader.report(
                    "the CSV file \"\(file.display)\" is \(size >> 20) MB; the limit is \(Self.maximumCSVBytes >> 20) MB", field: written,
                    hint: "use a sample of the rows")
                return nil
            }
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file.resolved)))
        } catch {
            reader.report("cannot read the CSV file \"\(file.display)\"", field: written, hint: "check that you may read it")
            return nil
        }
        let columns = CSVColumnReader(
            x: x, y: y, delimiter: delimiter?.first, decimal: decimal, maximumRows: Self.maximumRows)
        do {
            let (xs, ys) = try columns.read(bytes)
            let targets = target.map { target in xs.map { target.slope * $0 + target.intercept } } ?? ys
            let data = CSVData(
                file: file, x: x, y: y, target: target, delimiter: delimiter, decimal: decimal, xs: xs, ys: targets, bytes: bytes)
            return Field(.csv(data), path: path, location: node.location)
        } catch {
            reader.append(Diagnostic(
                file: file.display, path: csvPath, location: error.location, message: error.message, hint: error.hint,
                sourceLine: error.location == nil ? nil : (error.lineText ?? ""), study: reader.file))
            return nil
        }
    }

    /// A header name (a string) or a 1-based column number.
    private mutating func decodeColumn(_ node: JSONNode, path: String, key: String) -> CSVColumn? {
        switch node.kind {
        case .string(let name):
            if name.isEmpty {
                reader.report("\(key) is an empty column name", node: node, path: path, hint: "give the header's name for the column, or its number from 1")
                return nil
            }
            return .name(name)
        case .number:
            return reader.integer(node, path: path, what: key, min: 1, max: 100_000).map { .number($0.value) }
        default:
            reader.report(
                "\(key) must be a column's header name or its number, got \(node.typeDescription)", node: node, path: path,
                hint: "e.g. \"\(key)\": \"\(key == "x" ? "Hours" : "Score")\" or \"\(key)\": \(key == "x" ? 1 : 2)")
            return nil
        }
    }
}

extension StudyDecoder {
    /// Why `delimiter` cannot separate a CSV file's columns, or nil when it can: a character that
    /// can be part of a number (a digit, a letter such as the e of 1e-4, a sign, the decimal
    /// point) would split the numbers silently. The comma is checked against `"decimal": ","`
    /// where both are read. Nil too when `decimal` had an error of its own (reported there).
    static func delimiterProblem(_ delimiter: String, decimal: CSVDecimal?, decimalWasRead: Bool) -> (message: String, hint: String)? {
        guard let character = delimiter.first else { return nil }
        let usual = "use the character between the file's columns, such as \",\", \";\" or \"\\t\" (tab)"
        if character == "." {
            guard decimalWasRead, decimal != .comma else { return nil }
            if decimal == .point {
                return ("the delimiter \".\" is also the decimal point (\"decimal\": \".\"), so every number such as 1.5 would be split in two",
                        usual + "; if a point does separate the columns, the numbers have decimal commas: write \"decimal\": \",\"")
            }
            return ("the delimiter \".\" is the decimal point of numbers such as 1.5, which would be split in two",
                    usual + "; if the file's numbers have decimal commas (1,5), add \"decimal\": \",\"")
        }
        let kind: String?
        if character.isNumber { kind = "a digit" }
        else if character == "e" || character == "E" { kind = "the exponent letter of numbers such as 1e-4" }
        else if character.isLetter { kind = "a letter" }
        else if character == "+" || character == "-" { kind = "a sign" }
        else { kind = nil }
        guard let kind else { return nil }
        return ("the delimiter \"\(delimiter)\" is \(kind), which can be part of a number, so numbers would be split or misread", usual)
    }
}
