import CParallelZip
import CXLSXWriter
import Foundation
import SGDStudy
import XLSXWriterLoader

/// Writes a `WorkbookModel` as an `.xlsx` file with libxlsxwriter (Debian's libxlsxwriter-dev).
///
/// Deterministic: the document's creation time is fixed (an xlsx file records it in
/// `docProps/core.xml`), so two builds write the same bytes.
enum WorkbookWriter {
    /// 2020-01-01T00:00:00Z: the creation time every workbook records.
    static let fixedCreationTime: time_t = 1_577_836_800

    /// - Parameter parallelism: how many worker threads may deflate the file's zip members
    ///   (`--jobs`; 1: none, all on the calling thread). libxlsxwriter writes the zip inside
    ///   `workbook_close` on this thread, through CParallelZip when the executable exports its
    ///   functions (the sgdreport binary does), which reads this thread's setting
    ///   (`sgd_zip_set_workers`), set here around that call and cleared after it.
    /// - Parameter progress: hears the share of the writing done (0…1): the cells as they are
    ///   given to libxlsxwriter (`cellsShare` of it), then, inside `workbook_close`, the bytes
    ///   zipped (`sgd_zip_set_progress`) of the sheets' rows libxlsxwriter holds in its
    ///   temporary files. Not called when nil.
    /// - Throws: `BuildError.cannotWrite` when a cell, chart or range is outside Excel's grid
    ///   (`SheetGrid`; checked before anything is written), when libxlsxwriter cannot be loaded,
    ///   or cannot create or finish the file; `BuildError.interrupted` when `cancellation` is
    ///   raised while the cells are written (checked every 4,096 cells; the file is then never
    ///   created, and libxlsxwriter's unfinished workbook is left to the process's exit). When it
    ///   throws, libxlsxwriter's own messages about the failure are not printed.
    static func write(
        _ model: WorkbookModel, title: String, to path: String, cancellation: CancellationFlag = CancellationFlag(),
        parallelism: Int = 1, progress: ((Double) -> Void)? = nil
    ) throws(BuildError) {
        if let problem = outsideGrid(model) {
            throw BuildError.cannotWrite(path: path, reason: problem)
        }
        guard sgd_xlsxwriter_load() != 0 else {
            throw BuildError.cannotWrite(path: path, reason: String(cString: sgd_xlsxwriter_load_error())
                + " (sgdreport writes workbooks with libxlsxwriter: Debian's libxlsxwriter4, which `make` installs)")
        }
        // libxlsxwriter's own "[ERROR]…" lines would name the staging folder above sgdreport's
        // message: kept from the terminal while it works (XLSXWriterLoader's messages.c), and
        // dropped when the write fails (the error says what failed); printed as before when it
        // worked (a "[WARNING]…" about a chart would be sgdreport's mistake, not to be hidden).
        sgd_xlsxwriter_capture_messages(1)
        var succeeded = false
        defer {
            let messages = String(cString: sgd_xlsxwriter_captured_messages())
            sgd_xlsxwriter_capture_messages(0)
            if succeeded && !messages.isEmpty { FileHandle.standardError.write(Data(messages.utf8)) }
        }
        // Row by row through temporary files: a sheet's cells are not all held in memory.
        var options = lxw_workbook_options(constant_memory: 1, tmpdir: nil, use_zip64: 0)
        guard let workbook = workbook_new_opt(path, &options) else {
            throw BuildError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        let strings = CStrings()
        var properties = lxw_doc_properties()
        properties.title = strings.make(title)
        properties.comments = strings.make("Written by \(SGDReportVersion.generator)")
        properties.created = fixedCreationTime
        workbook_set_properties(workbook, &properties)

        let formats = Formats(workbook)
        let totalCells = max(1, model.sheets.reduce(0) { $0 + $1.cells.count })
        var cellsGiven = 0
        var worksheets: [UnsafeMutablePointer<lxw_worksheet>] = []
        for sheet in model.sheets {
            guard let worksheet = workbook_add_worksheet(workbook, sheet.name) else { continue }
            worksheets.append(worksheet)
            for (column, width) in sheet.columnWidths {
                worksheet_set_column(worksheet, lxw_col_t(column), lxw_col_t(column), width, nil)
            }
            // In constant-memory mode rows must come in order, and a row's cells left to right.
            for (written, index) in writingOrder(sheet.cells).enumerated() {
                if written & 0xFFF == 0 {
                    if cancellation.isCancelled { throw BuildError.interrupted }
                    progress?(Self.cellsShare * Double(cellsGiven + written) / Double(totalCells))
                }
                let cell = sheet.cells[index]
                let row = lxw_row_t(cell.row), column = lxw_col_t(cell.column)
                let format = formats[cell.style]
                switch cell.content {
                case .text(let text): worksheet_write_string(worksheet, row, column, text, format)
                case .number(let value): worksheet_write_number(worksheet, row, column, value, format)
                case .formula(let formula, let value):
                    // libxlsxwriter drops one leading "=", which a formula need not have.
                    worksheet_write_formula_num(worksheet, row, column, formula.first == "=" ? "=" + formula : formula, format, value)
                }
            }
            // Printed (or exported to PDF) landscape, one page wide.
            worksheet_set_landscape(worksheet)
            worksheet_fit_to_pages(worksheet, 1, 0)
            if sheet.frozenRows > 0 || sheet.frozenColumns > 0 {
                worksheet_freeze_panes(worksheet, lxw_row_t(sheet.frozenRows), lxw_col_t(sheet.frozenColumns))
            }
            for chart in sheet.charts {
                insert(chart, into: worksheet, workbook: workbook)
            }
            cellsGiven += sheet.cells.count
        }
        progress?(Self.cellsShare)
        sgd_zip_set_workers(Int32(clamping: parallelism))
        // The rows libxlsxwriter holds in its temporary files are most of what it zips.
        let zipping = progress.map { ZipProgress(expectedBytes: Self.temporaryBytes(worksheets), report: $0) }
        if let zipping {
            sgd_zip_set_progress({ context, bytes in
                Unmanaged<ZipProgress>.fromOpaque(context!).takeUnretainedValue().heard(bytes)
            }, Unmanaged.passUnretained(zipping).toOpaque())
        }
        let status = workbook_close(workbook)
        sgd_zip_set_progress(nil, nil)
        withExtendedLifetime(zipping) {}
        sgd_zip_set_workers(0)
        guard status == LXW_NO_ERROR else {
            let messages = String(cString: sgd_xlsxwriter_captured_messages())
            throw BuildError.cannotWrite(path: path, reason: systemError(in: messages) ?? String(cString: lxw_strerror(status)))
        }
        succeeded = true
        withExtendedLifetime(strings) {}
    }

    /// The system's reason in libxlsxwriter's message about a failed zip write ("…while creating
    /// xlsx file '…'. System error = File too large"): "File too large"; nil when there is none.
    static func systemError(in messages: String) -> String? {
        guard let marker = messages.range(of: "System error = ") else { return nil }
        let reason = messages[marker.upperBound...].prefix { $0 != "\n" }.trimmingCharacters(in: .whitespaces)
        let trimmed = reason.hasSuffix(".") ? String(reason.dropLast()) : reason
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The share of the writing that giving libxlsxwriter the cells takes; the rest is
    /// `workbook_close` (writing the sheets' XML and deflating it). Measured on the width study
    /// (November 2026, 2 cores): the model 0.5 s, the cells 3 s, the close 5.3 s.
    static let cellsShare = 0.35

    /// The bytes of rows libxlsxwriter holds in `worksheets`' temporary files (constant-memory
    /// mode), where each file's position is its end before `workbook_close` reads it back.
    static func temporaryBytes(_ worksheets: [UnsafeMutablePointer<lxw_worksheet>]) -> UInt64 {
        worksheets.reduce(0) { total, worksheet in
            guard let file = worksheet.pointee.optimize_tmpfile else { return total }
            return total + UInt64(max(0, ftell(file)))
        }
    }

    /// Turns the bytes zipped inside `workbook_close` into the writing's share.
    final class ZipProgress {
        let expectedBytes: UInt64
        let report: (Double) -> Void

        init(expectedBytes: UInt64, report: @escaping (Double) -> Void) {
            self.expectedBytes = max(1, expectedBytes)
            self.report = report
        }

        func heard(_ bytes: UInt64) {
            report(cellsShare + (1 - cellsShare) * min(0.99, Double(bytes) / Double(expectedBytes)))
        }
    }

    /// What of `model` lies outside Excel's grid (a cell, a column width, the frozen panes, a
    /// chart or a chart's range), as a sentence naming the sheet and the place; nil when nothing does.
    /// `write` converts rows and columns to libxlsxwriter's 32- and 16-bit types only after this.
    static func outsideGrid(_ model: WorkbookModel) -> String? {
        func place(_ row: Int, _ column: Int) -> String { "row \(row + 1), column \(column + 1)" }
        let limits = "Excel's grid has \(NumberText.grouped(SheetGrid.rows)) rows and \(NumberText.grouped(SheetGrid.columns)) columns"
        for sheet in model.sheets {
            if let cell = sheet.cells.first(where: { !SheetGrid.contains(row: $0.row, column: $0.column) }) {
                return "sheet \"\(sheet.name)\" has a cell at \(place(cell.row, cell.column)), outside the grid (\(limits))"
            }
            if let column = sheet.columnWidths.keys.sorted().first(where: { !SheetGrid.contains(row: 0, column: $0) }) {
                return "sheet \"\(sheet.name)\" sets the width of column \(column + 1), outside the grid (\(limits))"
            }
            if !SheetGrid.contains(row: sheet.frozenRows, column: sheet.frozenColumns) {
                return "sheet \"\(sheet.name)\" freezes the panes at \(place(sheet.frozenRows, sheet.frozenColumns)), outside the grid (\(limits))"
            }
            for chart in sheet.charts {
                let ranges = [chart.categories] + chart.series.map(\.values)
                let corners = [(chart.row, chart.column)] + ranges.flatMap { [($0.firstRow, $0.firstColumn), ($0.lastRow, $0.lastColumn)] }
                if let corner = corners.first(where: { !SheetGrid.contains(row: $0.0, column: $0.1) }) {
                    return "sheet \"\(sheet.name)\", chart \"\(chart.title)\": \(place(corner.0, corner.1)) is outside the grid (\(limits))"
                }
                if chart.series.count > SheetGrid.chartSeries {
                    return "sheet \"\(sheet.name)\", chart \"\(chart.title)\" has \(chart.series.count) lines; a chart holds at most \(SheetGrid.chartSeries)"
                }
            }
        }
        return nil
    }

    /// The indices of `cells` by row, then column; a cell set twice keeps its place after the
    /// first (libxlsxwriter keeps the last written). Sorted as packed integers — row (Excel has
    /// 2²⁰), column (2¹⁴), index — when they fit.
    static func writingOrder(_ cells: [WorkbookModel.Cell]) -> [Int] {
        let fits = cells.count < 1 << 30 && cells.allSatisfy { (0..<(1 << 20)).contains($0.row) && (0..<(1 << 14)).contains($0.column) }
        guard fits else {
            return cells.indices.sorted { (cells[$0].row, cells[$0].column, $0) < (cells[$1].row, cells[$1].column, $1) }
        }
        var keys = cells.indices.map { UInt64(cells[$0].row) << 44 | UInt64(cells[$0].column) << 30 | UInt64($0) }
        keys.sort()
        return keys.map { Int($0 & (1 << 30 - 1)) }
    }

    private static func insert(_ chart: WorkbookModel.LineChart, into worksheet: UnsafeMutablePointer<lxw_worksheet>, workbook: UnsafeMutablePointer<lxw_workbook>) {
        guard let native = workbook_add_chart(workbook, UInt8(LXW_CHART_LINE.rawValue)) else { return }
        chart_title_set_name(native, chart.title)
        for line in chart.series {
            guard let series = chart_add_series(native, nil, nil) else { continue }
            let c = chart.categories, v = line.values
            chart_series_set_categories(series, c.sheet, lxw_row_t(c.firstRow), lxw_col_t(c.firstColumn), lxw_row_t(c.lastRow), lxw_col_t(c.lastColumn))
            chart_series_set_values(series, v.sheet, lxw_row_t(v.firstRow), lxw_col_t(v.firstColumn), lxw_row_t(v.lastRow), lxw_col_t(v.lastColumn))
            chart_series_set_name(series, line.name)
        }
        chart_axis_set_name(native.pointee.x_axis, chart.xTitle)
        chart_axis_set_name(native.pointee.y_axis, chart.yTitle)
        if chart.logarithmic { chart_axis_set_log_base(native.pointee.y_axis, 10) }
        chart_legend_set_position(native, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        var options = lxw_chart_options()
        options.x_scale = Double(chart.width) / 480
        options.y_scale = Double(chart.height) / 288
        worksheet_insert_chart_opt(worksheet, lxw_row_t(chart.row), lxw_col_t(chart.column), native, &options)
    }

    /// The cell formats, one per `WorkbookModel.Style`.
    private struct Formats {
        let title, note, label, header, input: UnsafeMutablePointer<lxw_format>?

        init(_ workbook: UnsafeMutablePointer<lxw_workbook>) {
            title = workbook_add_format(workbook)
            format_set_bold(title)
            format_set_font_size(title, 14)
            note = workbook_add_format(workbook)
            format_set_italic(note)
            label = workbook_add_format(workbook)
            format_set_bold(label)
            header = workbook_add_format(workbook)
            format_set_bold(header)
            format_set_bottom(header, UInt8(LXW_BORDER_THIN.rawValue))
            input = workbook_add_format(workbook)
            format_set_bg_color(input, 0xFFF2CC)
            format_set_border(input, UInt8(LXW_BORDER_THIN.rawValue))
        }

        subscript(style: WorkbookModel.Style) -> UnsafeMutablePointer<lxw_format>? {
            switch style {
            case .plain: return nil
            case .title: return title
            case .note: return note
            case .label: return label
            case .header: return header
            case .input: return input
            }
        }
    }

    /// C strings that live as long as this value (libxlsxwriter copies the properties only when
    /// the workbook is closed).
    private final class CStrings {
        private var pointers: [UnsafeMutablePointer<CChar>] = []

        func make(_ text: String) -> UnsafeMutablePointer<CChar> {
            let pointer = strdup(text)!
            pointers.append(pointer)
            return pointer
        }

        deinit {
            for pointer in pointers { free(pointer) }
        }
    }
}
