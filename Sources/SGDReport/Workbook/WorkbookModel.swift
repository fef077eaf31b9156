/// A workbook as values: sheets of cells (text, numbers, formulas with their computed values)
/// and line charts over cell ranges. `WorkbookWriter` writes it with libxlsxwriter; tests read it
/// to compare every formula's stored value with what a spreadsheet program recomputes.
package struct WorkbookModel: Sendable {
    package var sheets: [Sheet]

    package struct Sheet: Sendable {
        /// Within Excel's rules (see `SheetNames`).
        package var name: String
        package var cells: [Cell] = []
        package var charts: [LineChart] = []
        /// Column widths in characters, by 0-based column.
        package var columnWidths: [Int: Double] = [:]
        /// Rows above this (0-based) and columns left of `frozenColumns` stay in view.
        package var frozenRows = 0
        package var frozenColumns = 0

        package init(name: String) {
            self.name = name
        }

        package mutating func set(_ row: Int, _ column: Int, _ content: Content, style: Style = .plain) {
            cells.append(Cell(row: row, column: column, content: content, style: style))
        }
    }

    /// 0-based row and column, as libxlsxwriter counts.
    package struct Cell: Sendable {
        package var row: Int
        package var column: Int
        package var content: Content
        package var style: Style
    }

    package enum Content: Sendable, Equatable {
        case text(String)
        case number(Double)
        /// `formula` without the leading `=`, in Excel's A1 syntax; `value` is what it computes,
        /// stored so that a reader that does not recalculate shows the right number.
        case formula(String, value: Double)
    }

    package enum Style: Sendable, Equatable {
        case plain
        case title
        case note
        case label
        case header
        /// A setting a learner may change: the cells formulas refer to.
        case input
    }

    /// A native line chart: one series per range, against a shared category range.
    package struct LineChart: Sendable {
        package var title: String
        package var xTitle: String
        package var yTitle: String
        package var categories: Range
        package var series: [(name: String, values: Range)]
        /// Where its top-left corner goes (0-based row and column) and its size in pixels.
        package var row: Int
        package var column: Int
        package var width: Int = 640
        package var height: Int = 320
        /// A logarithmic value axis (for errors that span decades).
        package var logarithmic = false
    }

    /// A rectangular range on one sheet, 0-based and inclusive.
    package struct Range: Sendable {
        package var sheet: String
        package var firstRow: Int
        package var firstColumn: Int
        package var lastRow: Int
        package var lastColumn: Int
    }
}

/// Excel's grid, and the limits a workbook is kept within (SPEC §4.5).
package enum SheetGrid {
    /// Columns A to XFD: Excel's (and LibreOffice's) 16,384.
    package static let columns = 16_384
    /// Excel's 1,048,576 rows.
    package static let rows = 1_048_576
    /// The lines one Excel chart may hold.
    package static let chartSeries = 255
    /// The cells a workbook's run sheets hold at most. `WorkbookModel` keeps every cell in
    /// memory until it is written: 48 bytes a `Cell` (`MemoryLayout.stride`) and 16 while
    /// `WorkbookWriter` sorts them, so 64 bytes a number (5,000,000 cells: 320 MB), and a
    /// formula's text on top (a formula sheet is also kept below this on its own). The bundled
    /// `width` study (19 runs) has 3,981,334 cells.
    package static let workbookCells = 5_000_000

    /// Whether 0-based `row` and `column` are on the grid.
    package static func contains(row: Int, column: Int) -> Bool {
        (0..<rows).contains(row) && (0..<columns).contains(column)
    }
}

/// Excel's A1 references.
///
/// Spelled byte by byte into a small string (a workbook makes one or more per formula cell).
enum A1 {
    /// `A`, `B`, …, `Z`, `AA`, … for a 0-based column.
    static func column(_ index: Int) -> String { reference(row: nil, column: index, absolute: false) }

    /// `C7` for 0-based row 6, column 2.
    static func cell(_ row: Int, _ column: Int) -> String { reference(row: row, column: column, absolute: false) }

    /// `$C$7`: a reference that stays put when a formula is copied.
    static func absolute(_ row: Int, _ column: Int) -> String { reference(row: row, column: column, absolute: true) }

    private static func reference(row: Int?, column: Int, absolute: Bool) -> String {
        // At most 3 letters (Excel's last column is XFD), 20 digits and 2 dollar signs.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            var count = 0
            if absolute {
                buffer[count] = UInt8(ascii: "$")
                count += 1
            }
            // Bijective base 26, least significant letter first, then reversed in place.
            var n = column + 1
            let firstLetter = count
            while n > 0 {
                buffer[count] = UInt8(65 + (n - 1) % 26)
                count += 1
                n = (n - 1) / 26
            }
            buffer[firstLetter..<count].reverse()
            if let row {
                if absolute {
                    buffer[count] = UInt8(ascii: "$")
                    count += 1
                }
                var number = row + 1
                let firstDigit = count
                repeat {
                    buffer[count] = UInt8(ascii: "0") + UInt8(number % 10)
                    count += 1
                    number /= 10
                } while number > 0
                buffer[firstDigit..<count].reverse()
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }
}
