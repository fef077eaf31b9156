/// A workbook as values: sheets of cells (text, numbers, formulas with their computed values)
/// and line charts over cell ranges. `WorkbookWriter` writes it with libxlsxwriter; tests read it
/// to compare every formula's stored value with what a spreadsheet program recomputes.
public struct WorkbookModel: Sendable {
    public var sheets: [Sheet]

    public struct Sheet: Sendable {
        /// Within Excel's rules (see `SheetNames`).
        public var name: String
        public var cells: [Cell] = []
        public var charts: [LineChart] = []
        /// Column widths in characters, by 0-based column.
        public var columnWidths: [Int: Double] = [:]
        /// Rows above this (0-based) and columns left of `frozenColumns` stay in view.
        public var frozenRows = 0
        public var frozenColumns = 0

        public init(name: String) {
            self.name = name
        }

        public mutating func set(_ row: Int, _ column: Int, _ content: Content, style: Style = .plain) {
            cells.append(Cell(row: row, column: column, content: content, style: style))
        }
    }

    /// 0-based row and column, as libxlsxwriter counts.
    public struct Cell: Sendable {
        public var row: Int
        public var column: Int
        public var content: Content
        public var style: Style
    }

    public enum Content: Sendable, Equatable {
        case text(String)
        case number(Double)
        /// `formula` without the leading `=`, in Excel's A1 syntax; `value` is what it computes,
        /// stored so that a reader that does not recalculate shows the right number.
        case formula(String, value: Double)
    }

    public enum Style: Sendable, Equatable {
        case plain
        case title
        case note
        case label
        case header
        /// A setting a learner may change: the cells formulas refer to.
        case input
    }

    /// A native line chart: one series per range, against a shared category range.
    public struct LineChart: Sendable {
        public var title: String
        public var xTitle: String
        public var yTitle: String
        public var categories: Range
        public var series: [(name: String, values: Range)]
        /// Where its top-left corner goes (0-based row and column) and its size in pixels.
        public var row: Int
        public var column: Int
        public var width: Int = 640
        public var height: Int = 320
        /// A logarithmic value axis (for errors that span decades).
        public var logarithmic = false
    }

    /// A rectangular range on one sheet, 0-based and inclusive.
    public struct Range: Sendable {
        public var sheet: String
        public var firstRow: Int
        public var firstColumn: Int
        public var lastRow: Int
        public var lastColumn: Int
    }
}

/// Excel's A1 references.
enum A1 {
    /// `A`, `B`, …, `Z`, `AA`, … for a 0-based column.
    static func column(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + remainder))), at: 0)
            n = (n - 1) / 26
        }
        return String(letters)
    }

    /// `C7` for 0-based row 6, column 2.
    static func cell(_ row: Int, _ column: Int) -> String { self.column(column) + String(row + 1) }

    /// `$C$7`: a reference that stays put when a formula is copied.
    static func absolute(_ row: Int, _ column: Int) -> String { "$" + self.column(column) + "$" + String(row + 1) }
}
