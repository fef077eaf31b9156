/// A column of a CSV file: by its header name, or by its 1-based number.
public enum CSVColumn: Sendable, Equatable, CustomStringConvertible {
    case name(String)
    case number(Int)

    var isNumber: Bool {
        if case .number = self { return true }
        return false
    }

    /// `"Hours"` or `column 2`, as messages name the column.
    public var description: String {
        switch self {
        case .name(let name): return "\"\(name)\""
        case .number(let number): return "column \(number)"
        }
    }
}

/// How numbers in a CSV file write their decimal point.
public enum CSVDecimal: String, Sendable, Equatable {
    /// `1.5`
    case point = "."
    /// `1,5`, as spreadsheets write in many locales.
    case comma = ","
}

/// A study's data read from a CSV file (SPEC §4.2 `"data": { "csv": …, "x": …, "y": … }`).
///
/// The settings are kept as written, for `study.json`; the rows as read, for training; and the
/// file's bytes, to copy into the report as `data/input.csv`.
public struct CSVData: Sendable, Equatable {
    /// The file, confined to the study's folder.
    public var file: StudyFolderPath
    /// The column of inputs, as written in the study.
    public var x: CSVColumn
    /// Nil when `target` computes y.
    public var y: CSVColumn?
    /// y = slope·x + intercept, in place of a `y` column.
    public var target: (slope: Double, intercept: Double)?
    /// As given in the study; nil lets the reader guess from the first line.
    public var delimiter: String?
    /// As given in the study; nil accepts a decimal comma when the delimiter is not a comma.
    public var decimal: CSVDecimal?
    /// The inputs, one per data row, in file order.
    public var xs: [Double]
    /// The targets, one per data row (computed from `target` when it is given).
    public var ys: [Double]
    /// The file's bytes as read, copied into the report unchanged.
    public var bytes: [UInt8]

    /// Equal settings and rows (the bytes follow from the file).
    public static func == (lhs: CSVData, rhs: CSVData) -> Bool {
        lhs.file == rhs.file && lhs.x == rhs.x && lhs.y == rhs.y && lhs.target?.slope == rhs.target?.slope
            && lhs.target?.intercept == rhs.target?.intercept && lhs.delimiter == rhs.delimiter
            && lhs.decimal == rhs.decimal && lhs.xs == rhs.xs && lhs.ys == rhs.ys
    }
}
