import SGDEngine

/// The signals sheet: each signal's points side by side (t, x, value), and its exponentially
/// weighted moving average as formulas over its beta and starting value, as the workbook's
/// "momentum" sheet computes it (`ExponentialMovingAverage`'s order of operations).
struct SignalsSheet {
    let signals: [SignalSeries]
    let name: String

    func build() -> WorkbookModel.Sheet {
        var sheet = WorkbookModel.Sheet(name: name)
        sheet.set(0, 0, .text("Signals"), style: .title)
        sheet.set(1, 0, .text("Each signal's values, and its moving average as formulas: change a beta (the yellow cells) and the average recomputes."), style: .note)
        let header = 6
        var column = 0
        for series in signals {
            let count = min(series.values.count, RunSheet.maximumRows)
            sheet.set(3, column, .text(series.signal.name), style: .label)
            var headers = ["t", "x", "value"]
            var beta = "", initial = ""
            if let ewma = series.signal.ewma {
                sheet.set(4, column, .text("beta"), style: .label)
                sheet.set(4, column + 1, .number(ewma.beta), style: .input)
                sheet.set(5, column, .text("initial"), style: .label)
                sheet.set(5, column + 1, .number(ewma.initial), style: .input)
                beta = A1.absolute(4, column + 1)
                initial = A1.absolute(5, column + 1)
                headers.append("ewma")
                if ewma.debias { headers.append("debiased") }
            }
            for (c, title) in headers.enumerated() {
                sheet.set(header, column + c, .text(title), style: .header)
            }
            for i in 0..<count {
                let r = header + 1 + i
                sheet.set(r, column, .number(Double(i + 1)))
                if series.x[i].isFinite { sheet.set(r, column + 1, .number(series.x[i])) }
                guard series.values[i].isFinite else { continue }
                sheet.set(r, column + 2, .number(series.values[i]))
                guard let ewma = series.signal.ewma, let averages = series.ewma, averages[i].isFinite else { continue }
                let previous = i == 0 ? initial : A1.cell(r - 1, column + 3)
                let value = A1.cell(r, column + 2)
                let formula = ewma.dampening ? "\(beta)*\(previous)+(1-\(beta))*\(value)" : "\(beta)*\(previous)+\(value)"
                sheet.set(r, column + 3, .formula(formula, value: averages[i]))
                if ewma.debias, let debiased = series.debiased, debiased[i].isFinite {
                    // Divided by the weight the terms add up to (fastai's debias): 1 − βᵗ dampened,
                    // (1 − βᵗ)/(1 − β) undampened — the engine's order of operations.
                    let decayed = "(1-POWER(\(beta),\(A1.cell(r, column))))"
                    let weight = ewma.dampening ? decayed : "(\(decayed)/(1-\(beta)))"
                    sheet.set(r, column + 4, .formula("\(A1.cell(r, column + 3))/\(weight)", value: debiased[i]))
                }
            }
            if count > 0 {
                func range(_ c: Int) -> WorkbookModel.Range {
                    .init(sheet: name, firstRow: header + 1, firstColumn: column + c, lastRow: header + count, lastColumn: column + c)
                }
                var lines: [(name: String, values: WorkbookModel.Range)] = [("value", range(2))]
                if series.ewma != nil { lines.append(("ewma", range(3))) }
                if series.debiased != nil { lines.append(("debiased", range(4))) }
                sheet.charts.append(.init(
                    title: series.signal.name, xTitle: "x", yTitle: "value", categories: range(1), series: lines,
                    row: header + 1, column: column + headers.count, width: 480, height: 288))
            }
            column += headers.count + 8
        }
        sheet.frozenRows = header + 1
        return sheet
    }
}
