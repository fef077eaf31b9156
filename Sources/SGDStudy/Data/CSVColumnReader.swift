/// Reads two numeric columns of a CSV file as spreadsheets export it (SPEC §4.2): a header row or
/// none, CRLF or LF, a UTF-8 byte-order mark, `,` `;` or tab as delimiter (guessed from the first
/// line unless given, or from Excel's `sep=;` first line), quoted fields, decimal commas when the
/// delimiter is not a comma, and any number of other columns, which are ignored. Rows whose fields
/// are all empty are skipped. The file writes its decimals one way: a point in one number and a
/// comma in another is an error.
///
/// Fields are split by yaslab/CSV.swift; this type adds what a learner needs on top: the guesses,
/// number parsing, and for every problem the line and column in the file, the value and the fix.
public struct CSVColumnReader: Sendable {
    /// The column of inputs.
    public var x: CSVColumn
    /// Nil reads x only.
    public var y: CSVColumn?
    /// One character; nil guesses from the first line.
    public var delimiter: Character?
    /// Nil accepts `1.5` always and `1,5` when the delimiter is not a comma.
    public var decimal: CSVDecimal?
    /// More data rows than this is an error.
    public var maximumRows: Int

    /// A reader of the columns `x` and `y` (nil: x only); nil `delimiter` and `decimal` are guessed.
    public init(x: CSVColumn, y: CSVColumn?, delimiter: Character? = nil, decimal: CSVDecimal? = nil, maximumRows: Int = 10_000_000) {
        self.x = x
        self.y = y
        self.delimiter = delimiter
        self.decimal = decimal
        self.maximumRows = maximumRows
    }

    /// One problem in the file: where (1-based line and character column; nil for the whole
    /// file), what, the fix, and the text of that line to show under the message.
    public struct Problem: Error, Sendable, Equatable {
        /// 1-based line and character column in the CSV file; nil for the whole file.
        public var location: SourceLocation?
        /// What is wrong, naming the value.
        public var message: String
        /// The fix, when there is one.
        public var hint: String?
        /// The text of the line at `location`, shown under the message.
        public var lineText: String?
    }

    /// The values of the x and y columns, one per data row.
    /// - Throws: `Problem` for text that is not UTF-8 (UTF-16 named as such), an empty file, a
    ///   `sep=` line that contradicts `delimiter`, a missing column, a ragged row, a cell that is not
    ///   a number or is beyond the range of a double, numbers written with both a decimal point and a
    ///   decimal comma, no data rows, or more than `maximumRows` rows.
    public func read(_ bytes: [UInt8]) throws(Problem) -> (x: [Double], y: [Double]) {
        let text = try Self.decode(bytes)
        if text.utf8.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) {
            throw Problem(location: nil, message: "the file is empty", hint: "export the sheet again with its data (File › Save As › CSV)")
        }
        let sepLine = Self.excelSeparatorLine(text)
        if let sepLine, let delimiter, delimiter != sepLine {
            throw Problem(
                location: SourceLocation(line: 1, column: 5),
                message: "the file's first line says sep=\(sepLine), but data gives \"delimiter\": \(Self.json(delimiter))",
                hint: "leave \"delimiter\" out (the sep= line names the file's delimiter), or correct the one that is wrong",
                lineText: "sep=\(sepLine)")
        }
        let separator = delimiter ?? sepLine ?? Self.guessDelimiter(text)
        let numbers = CSVNumberParser(decimal: decimal, delimiter: separator)
        var records = CSVRecords(bytes: Array(text.utf8), delimiter: separator)
        let locator = CSVCellLocator(text: text, delimiter: separator)

        var header: [String]?
        var width = 0
        var columns: (x: Int, y: Int?) = (0, nil)
        var xs: [Double] = []
        var ys: [Double] = []
        // The decimal separators of the numbers so far (`CSVNumberParser`'s flags), as the file's
        // first number with one set them; that number's separator, place and text.
        var decimals: UInt8 = 0
        var knownDecimals: UInt8 = 0
        var firstDecimal: (kind: UInt8, line: Int, column: Int, text: Substring)?
        xs.reserveCapacity(min(maximumRows, text.utf8.count / 4))
        if y != nil { ys.reserveCapacity(xs.capacity) }

        while let rowLine = records.next() {
            if records.isBlank || (sepLine != nil && rowLine == 1) { continue }
            if width == 0 {
                let fields = (0..<records.count).map { records.field($0) }
                width = fields.count
                // A header has a field that is not a number; a first row that mixes words and
                // numbers is data (with a bad cell) when the columns are chosen by number.
                // (A number beyond a double is a number here, for its error below.)
                let words = fields.filter { !CSVNumberParser.trimmed($0).isEmpty && numbers.readingInfinity().parse($0) == nil }.count
                let byNumber = x.isNumber && (y?.isNumber ?? true)
                let isHeader = words > 0 && !(byNumber && words < fields.filter { !CSVNumberParser.trimmed($0).isEmpty }.count)
                if isHeader { header = fields.map { String(CSVNumberParser.trimmed($0)) } }
                columns = try resolveColumns(
                    header: header, width: width, firstRow: fields, line: rowLine, locator: locator, sepLine: sepLine)
                if isHeader { continue }
            }
            if records.count != width {
                var problem = raggedRow(records.count, width: width, hasHeader: header != nil, line: rowLine, separator: separator, locator: locator)
                if let long = records.fieldWithLineBreak {
                    let lines = CSVCellLocator.lineBreaks(in: long) + 1
                    problem.hint = "a quoted field on this line runs over \(lines) lines: check for a missing closing quote (\")"
                }
                throw problem
            }
            if xs.count == maximumRows {
                throw Problem(
                    location: SourceLocation(line: rowLine, column: 1),
                    message: "the file has more than \(NumberText.grouped(maximumRows)) rows of data",
                    hint: "use fewer rows; gradient descent on a sample shows the same", lineText: locator.lineText(rowLine))
            }
            guard let xValue = records.number(columns.x, numbers, decimals: &decimals) else {
                throw badCell(records.field(columns.x), column: columns.x, header: header, line: rowLine, numbers: numbers, locator: locator)
            }
            xs.append(xValue)
            if let yColumn = columns.y {
                guard let yValue = records.number(yColumn, numbers, decimals: &decimals) else {
                    throw badCell(records.field(yColumn), column: yColumn, header: header, line: rowLine, numbers: numbers, locator: locator)
                }
                ys.append(yValue)
            }
            if decimals != knownDecimals {
                // The first number with a decimal separator, or one with the other separator (only
                // a file that may use either can mix them): this row's cells, one at a time.
                var xKind: UInt8 = 0
                var yKind: UInt8 = 0
                _ = records.number(columns.x, numbers, decimals: &xKind)
                if let yColumn = columns.y { _ = records.number(yColumn, numbers, decimals: &yKind) }
                if firstDecimal == nil {
                    let column = xKind != 0 ? columns.x : columns.y!
                    firstDecimal = (xKind != 0 ? xKind : yKind, rowLine, column, records.field(column))
                }
                let first = firstDecimal!
                if xKind | first.kind == 3 {
                    throw mixedDecimals(records.field(columns.x), kind: xKind, column: columns.x, line: rowLine, first: first, header: header, locator: locator)
                }
                if yKind | first.kind == 3, let yColumn = columns.y {
                    throw mixedDecimals(records.field(yColumn), kind: yKind, column: yColumn, line: rowLine, first: first, header: header, locator: locator)
                }
                knownDecimals = decimals
            }
        }
        if xs.isEmpty && width == 0 {
            throw Problem(
                location: nil, message: "the file has only its sep= line", hint: "export the sheet again with its data (File › Save As › CSV)")
        }
        if xs.isEmpty {
            throw Problem(
                location: nil, message: "the file has a header row but no rows of data",
                hint: "add the data below the header, one row per sample")
        }
        return (xs, ys)
    }

    // MARK: Columns

    private func resolveColumns(
        header: [String]?, width: Int, firstRow: [Substring], line: Int, locator: CSVCellLocator, sepLine: Character?
    ) throws(Problem) -> (x: Int, y: Int?) {
        let oneColumn = oneColumnHint(locator.lineText(line) ?? "", line: line, sepLine: sepLine)
        func index(_ column: CSVColumn, key: String) throws(Problem) -> Int {
            switch column {
            case .number(let number):
                guard number >= 1 && number <= width else {
                    throw Problem(
                        location: SourceLocation(line: line, column: 1),
                        message: "\(key) is column \(number), but the file has \(width) column\(width == 1 ? "" : "s")\(width == 1 ? " (is the delimiter right?)" : "")",
                        hint: width == 1
                            ? oneColumn
                            : "columns are numbered from 1 to \(width)",
                        lineText: locator.lineText(line))
                }
                return number - 1
            case .name(let name):
                guard let header else {
                    throw Problem(
                        location: SourceLocation(line: line, column: 1),
                        message: "\(key) names the column \"\(name)\", but the file has no header row (its first line holds only numbers)",
                        hint: "name the columns by number instead, e.g. \"x\": 1, \"y\": 2",
                        lineText: locator.lineText(line))
                }
                let matches = header.indices.filter { header[$0] == name }
                if matches.count > 1 {
                    throw Problem(
                        location: SourceLocation(line: line, column: 1),
                        message: "\(key) names the column \"\(name)\", but the header has \(matches.count) columns of that name (\(matches.map { String($0 + 1) }.joined(separator: ", ")))",
                        hint: "rename the columns so each name is used once, or give \(key) as a column number, e.g. \"\(key)\": \(matches[0] + 1)",
                        lineText: locator.lineText(line))
                }
                if let found = matches.first { return found }
                let listed = header.map { "\"\($0)\"" }.joined(separator: ", ")
                var hint = "use one of those names exactly as written, or a column number"
                if let close = header.first(where: { $0.lowercased() == name.lowercased() }) {
                    hint = "did you mean \"\(close)\"? Names must match exactly, capitals included"
                } else if width == 1 {
                    hint = oneColumn
                }
                throw Problem(
                    location: SourceLocation(line: line, column: 1),
                    message: "\(key) names the column \"\(name)\", but the file has no such column; its columns are \(listed)",
                    hint: hint, lineText: locator.lineText(line))
            }
        }
        let xIndex = try index(x, key: "x")
        let yIndex: Int?
        if let y { yIndex = try index(y, key: "y") } else { yIndex = nil }
        return (xIndex, yIndex)
    }

    /// The fix when the first row is one column: the delimiter is not the file's.
    private func oneColumnHint(_ text: String, line: Int, sepLine: Character?) -> String {
        let given = delimiter.map { "the delimiter \(Self.json($0)) given in data" }
            ?? sepLine.map { "the delimiter \(Self.json($0)) of the file's sep= line" }
        guard let given else {
            return "the first line has no , ; or tab; give \"delimiter\" in data if the file uses another one"
        }
        let seen = Self.delimiters(inFirstLineOf: text)
        let where_ = line == 1 ? "the first line" : "line \(line)"
        guard let likely = [9, 59, 44].first(where: seen.contains) else {
            return "\(given) does not occur in \(where_); give the one the file uses as \"delimiter\""
        }
        let character = Character(Unicode.Scalar(likely))
        let looks = "\(given) does not occur in \(where_), which looks \(Self.name(of: character))-separated"
        if sepLine != nil && delimiter == nil {
            return "\(looks): write sep=\(character == "\t" ? "<tab>" : String(character)) on line 1, or delete that line"
        }
        return "\(looks): give \"delimiter\": \(Self.json(character)) (or leave \"delimiter\" out to have it guessed)"
    }

    /// `";"` or `"\t"`, as a study writes the character.
    static func json(_ character: Character) -> String {
        character == "\t" ? #""\t""# : "\"\(character)\""
    }

    // MARK: Problems

    private func raggedRow(_ count: Int, width: Int, hasHeader: Bool, line: Int, separator: Character, locator: CSVCellLocator) -> Problem {
        let reference = hasHeader ? "the header row has \(width)" : "the first row has \(width)"
        var hint = "every row needs the same number of fields; look for a missing or an extra \(Self.name(of: separator))"
        if separator == "," && count > width {
            hint = "a value with a comma in it (a decimal comma?) needs quotes, or export with ; as separator"
        }
        return Problem(
            location: SourceLocation(line: line, column: 1),
            message: "line \(line) has \(count) field\(count == 1 ? "" : "s") but \(reference)",
            hint: hint, lineText: locator.lineText(line))
    }

    private func badCell(
        _ value: Substring, column: Int, header: [String]?, line: Int, numbers: CSVNumberParser, locator: CSVCellLocator
    ) -> Problem {
        let (location, lineText) = locator.locate(field: column, line: line)
        let name = Self.columnName(column, header: header)
        let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
        if numbers.readingInfinity().parse(value) != nil {
            // A number, but not a finite double: the message and hint of the same number written in a study.
            return Problem(
                location: location,
                message: "the number \(CSVNumberParser.trimmed(shown)) in \(name) is beyond the range of a double (about ±1.8e308)",
                hint: "use a smaller number", lineText: lineText)
        }
        let message = CSVNumberParser.trimmed(value).isEmpty
            ? "the cell in \(name) is empty"
            : "\"\(shown.replacingLineBreaks())\" in \(name) is not a number"
        return Problem(location: location, message: message, hint: numbers.hint(for: value), lineText: lineText)
    }

    private func mixedDecimals(
        _ value: Substring, kind: UInt8, column: Int, line: Int,
        first: (kind: UInt8, line: Int, column: Int, text: Substring), header: [String]?, locator: CSVCellLocator
    ) -> Problem {
        let (location, lineText) = locator.locate(field: column, line: line)
        let (firstLocation, _) = locator.locate(field: first.column, line: first.line)
        func name(_ kind: UInt8) -> String { kind == CSVNumberParser.commaFlag ? "a decimal comma" : "a decimal point" }
        let firstColumn = first.column == column ? "" : " in \(Self.columnName(first.column, header: header))"
        return Problem(
            location: location,
            message: "\"\(CSVNumberParser.trimmed(value))\" in \(Self.columnName(column, header: header)) has \(name(kind)), but \"\(CSVNumberParser.trimmed(first.text))\" at \(firstLocation.line):\(firstLocation.column)\(firstColumn) has \(name(first.kind))",
            hint: "one of the two readings is wrong (1.234 may be 1234, with a point between thousands): write every number with the same decimal separator, or say which one the file uses with \"decimal\": \",\" or \"decimal\": \".\" in data",
            lineText: lineText)
    }

    /// `column 2 ("Score")`, as messages name a column (0-based `column`).
    static func columnName(_ column: Int, header: [String]?) -> String {
        var name = "column \(column + 1)"
        if let header, !header[column].isEmpty { name += " (\"\(header[column])\")" }
        return name
    }

    static func name(of separator: Character) -> String {
        switch separator {
        case "\t": return "tab"
        case ";": return "semicolon"
        case ",": return "comma"
        default: return "\"\(separator)\""
        }
    }
}

extension StringProtocol {
    /// Line breaks shown as `⏎`, so that a message stays on one line; characters that look like
    /// others or like nothing (no-break spaces, a minus sign, controls) as `\u{A0}`.
    fileprivate func replacingLineBreaks() -> String {
        var shown = ""
        for scalar in unicodeScalars {
            if scalar == "\n" || scalar == "\r" {
                shown += "⏎"
            } else if scalar != " " && scalar != "'" && (CSVNumberParser.lookalikes[scalar] != nil || scalar.properties.isWhitespace
                        || scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.generalCategory == .control) {
                shown += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }
}
