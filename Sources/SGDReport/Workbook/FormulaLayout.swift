import SGDEngine
import SGDStudy

/// A run's sheet as formulas (see `RunSheet`): settings in column B from row 4, the step table
/// below them, the epochs block to its right, the charts beyond.
struct FormulaLayout {
    let result: RunResult

    /// The columns a formula sheet of `run` needs (the step table, a blank column, the epochs
    /// block) and about how many cells (the tables' and the settings'), for `steps` recorded steps
    /// and `epochs` epochs: `RunSheet.valuesReason` keeps a sheet within `SheetGrid` with them.
    static func size(of run: Run, steps: Int, epochs: Int) -> (columns: Int, cells: Int) {
        let n = run.parameterNames.count
        let optimizer = run.optimizer
        var isAdam = false
        if case .adam = optimizer { isAdam = true }
        if case .amsgrad = optimizer { isAdam = true }
        let perWeight = 3 + (run.derivatives.check ? 1 : 0) + (optimizer.keepsAverage ? 1 : 0) + (optimizer.keepsSquareAverage ? 1 : 0)
        let stepColumns = 5 + (run.model.layers.count - 1) + 2 + perWeight * n + (isAdam ? 1 : 0)
        let epochColumns = TraceColumns.epochsFixed.count + n
        let rows = run.warmupEpochs * run.data.rowCount + steps
        let settings = 3 * (8 + 3 * n)
        return (stepColumns + 1 + epochColumns, (rows + 1) * stepColumns + (epochs + 1) * epochColumns + settings)
    }

    func write(into sheet: inout WorkbookModel.Sheet) {
        let run = result.run
        let steps = result.training.steps
        let names = run.parameterNames
        let n = names.count
        let activations = run.model.layers.map(\.activation)
        let formulas = RunFormulas(layers: run.model.layers)
        let optimizer = run.optimizer

        // Settings: label in A, value in B.
        var row = 3
        var cells = RunFormulas.OptimizerCells()
        func setting(_ label: String, _ value: Double, input: Bool = true, note: String? = nil) -> String {
            sheet.set(row, 0, .text(label), style: .label)
            sheet.set(row, 1, .number(value), style: input ? .input : .plain)
            if let note { sheet.set(row, 2, .text(note), style: .note) }
            row += 1
            return A1.absolute(row - 1, 1)
        }
        switch optimizer {
        case .sgd(let lr):
            cells.lr = setting("lr", lr, note: "learning rate")
        case .momentum(let lr, let beta, let dampening):
            cells.lr = setting("lr", lr, note: "learning rate")
            cells.beta = setting("beta", beta, note: dampening ? "dampened: avg = beta·avg + (1 − beta)·grad" : "undampened (fastai): avg = beta·avg + grad")
        case .rmsprop(let lr, let beta, let eps, let variant):
            cells.lr = setting("lr", lr, note: variant == .fastai ? "learning rate" : "learning rate (the workbook's RMSProp: divides by the previous sqr, no eps)")
            cells.beta = setting("beta", beta)
            if variant == .fastai { cells.eps = setting("eps", eps) }
        case .adam(let lr, let beta1, let beta2, let eps, let debias), .amsgrad(let lr, let beta1, let beta2, let eps, let debias):
            cells.lr = setting("lr", lr, note: debias ? "learning rate (debiased Adam, as fastai; t counts updates)" : "learning rate (Adam without debiasing, as the workbook)")
            cells.beta1 = setting("beta1", beta1)
            cells.beta2 = setting("beta2", beta2)
            cells.eps = setting("eps", eps)
        case .eve, .adagrad:
            preconditionFailure("RunSheet.valuesReason keeps \(optimizer.typeName) out of the formula layout")
        }
        let usesEpsilon = run.derivatives.method != .analytic || run.derivatives.check
        let epsilon = usesEpsilon ? setting("epsilon", run.derivatives.epsilon, note: "step of the finite differences") : ""
        let rowCount = run.data.rowCount
        let rowsCell = setting("rows (N)", Double(rowCount), input: false, note: "rows per epoch: mse = sse / N")
        let initial = run.initialParameters
        let startWeights = names.indices.map { setting("start \(names[$0])", initial[$0]) }
        let keepsAverage = optimizer.keepsAverage, keepsSquare = optimizer.keepsSquareAverage
        let startAverage = keepsAverage ? names.map { setting("start avg_\($0)", run.startingAverage[$0] ?? 0) } : []
        let startSquare = keepsSquare ? names.map { setting("start sqr_\($0)", run.startingSquareAverage[$0] ?? 0) } : []

        // Columns of the step table, below the settings and the charts.
        let header = max(row + 1, RunCharts.tableHeader)
        var headers = TraceColumns.names([.step, .epoch, .row, .x, .y]) + names
        let hiddenCount = activations.count - 1
        let hiddenColumn = headers.count
        headers += (0..<hiddenCount).map { "h\($0 + 1)" }
        let predictionColumn = headers.count
        headers += TraceColumns.names([.prediction, .loss])
        let gradColumn = headers.count
        headers += TraceColumn.ParameterGroup.gradient.names(names)
        let estColumn = headers.count
        if run.derivatives.check { headers += TraceColumn.ParameterGroup.estimate.names(names) }
        let avgColumn = headers.count
        if keepsAverage { headers += TraceColumn.ParameterGroup.average.names(names) }
        let sqrColumn = headers.count
        if keepsSquare { headers += TraceColumn.ParameterGroup.squareAverage.names(names) }
        let newColumn = headers.count
        headers += names.map { "new_\($0)" }
        var tColumn = -1
        if case .adam = optimizer { tColumn = headers.count }
        if case .amsgrad = optimizer { tColumn = headers.count }
        if tColumn >= 0 {
            tColumn = headers.count
            headers.append("t")
        }
        for (c, title) in headers.enumerated() {
            sheet.set(header, c, .text(title), style: .header)
        }
        sheet.frozenRows = header + 1
        sheet.columnWidths[0] = 13

        let column = { (column: TraceColumn) in steps.index(of: column.name)! }
        let group = { (group: TraceColumn.ParameterGroup) in group.columns(names).map(column) }
        let traced = (step: column(.step), epoch: column(.epoch), row: column(.row), x: column(.x), y: column(.y),
                      prediction: column(.prediction), loss: column(.loss))
        let weightIndex = group(.weight)
        let gradIndex = group(.gradient)
        let estIndex = run.derivatives.check ? group(.estimate) : []
        let avgIndex = keepsAverage ? group(.average) : []
        let sqrIndex = keepsSquare ? group(.squareAverage) : []

        let sheetRows = SheetRows(result: result)
        let rows = sheetRows.rows.count
        var update = 0
        var previousSquares = names.indices.map { run.startingSquareAverage[names[$0]] ?? 0 }
        for (i, source) in sheetRows.rows.enumerated() {
            let r = header + 1 + i
            let values = source.trace.row(source.index)
            let base = values.startIndex
            func traceValue(_ index: Int) -> Double { values[base + index] }
            func cell(_ c: Int) -> String { A1.cell(r, c) }
            if let pass = source.warmupPass {
                sheet.set(r, 0, .text("warm-up \(pass)"), style: .label)
            } else {
                sheet.set(r, 0, .number(traceValue(traced.step)))
                sheet.set(r, 1, .number(traceValue(traced.epoch)))
            }
            for (c, index) in [(2, traced.row), (3, traced.x), (4, traced.y)] {
                sheet.set(r, c, .number(traceValue(index)))
            }
            let x = cell(3), y = cell(4)
            // The weights used: the starting weights at the start of each pass (the workbook's
            // "reset"), the weights the row above used after an epoch of the "run" macro, and
            // otherwise the row above's new weights.
            let weights = (0..<n).map { cell(5 + $0) }
            for k in 0..<n {
                let from: String
                switch source.start {
                case .startingWeights: from = startWeights[k]
                case .restart: from = A1.cell(r - 1, 5 + k)
                case .continuing: from = A1.cell(r - 1, newColumn + k)
                }
                sheet.set(r, 5 + k, .formula(from, value: traceValue(weightIndex[k])))
            }
            // Adam's update count, warm-up included.
            update += 1
            if tColumn >= 0 {
                sheet.set(r, tColumn, i == 0 ? .number(1) : .formula("\(A1.cell(r - 1, tColumn))+1", value: Double(update)))
            }
            // Hidden outputs, then the prediction and the squared error.
            var hiddenCells: [String] = []
            var value = traceValue(traced.x)
            for l in 0..<hiddenCount {
                value = run.model.layers[l].apply(traceValue(weightIndex[2 * l]) * value + traceValue(weightIndex[2 * l + 1]))
                let input = l == 0 ? x : hiddenCells[l - 1]
                sheet.set(r, hiddenColumn + l, .formula(formulas.layer(l, input: input, weights: weights), value: value))
                hiddenCells.append(cell(hiddenColumn + l))
            }
            let last = activations.count - 1
            let prediction = cell(predictionColumn), loss = cell(predictionColumn + 1)
            sheet.set(r, predictionColumn, .formula(
                formulas.layer(last, input: last == 0 ? x : hiddenCells[last - 1], weights: weights),
                value: traceValue(traced.prediction)))
            sheet.set(r, predictionColumn + 1, .formula("(\(prediction)-\(y))*(\(prediction)-\(y))", value: traceValue(traced.loss)))
            // Derivatives.
            let grads = (0..<n).map { cell(gradColumn + $0) }
            let gradFormulas: [String]
            switch run.derivatives.method {
            case .analytic:
                gradFormulas = formulas.analytic(x: x, y: y, weights: weights, hidden: hiddenCells, prediction: prediction, gradients: grads)
            case .forward:
                gradFormulas = (0..<n).map { formulas.forwardDifference(x: x, y: y, weights: weights, k: $0, loss: loss, epsilon: epsilon) }
            case .central:
                gradFormulas = (0..<n).map { formulas.centralDifference(x: x, y: y, weights: weights, k: $0, epsilon: epsilon) }
            }
            for k in 0..<n {
                sheet.set(r, gradColumn + k, .formula(gradFormulas[k], value: traceValue(gradIndex[k])))
                if run.derivatives.check {
                    sheet.set(r, estColumn + k, .formula(
                        formulas.forwardDifference(x: x, y: y, weights: weights, k: k, loss: loss, epsilon: epsilon),
                        value: traceValue(estIndex[k])))
                }
            }
            // The optimizer: moments after this row's update, then the new weights.
            for k in 0..<n {
                let average = keepsAverage ? cell(avgColumn + k) : nil
                let square = keepsSquare ? cell(sqrColumn + k) : nil
                let previousAverage = keepsAverage ? (i == 0 ? startAverage[k] : A1.cell(r - 1, avgColumn + k)) : ""
                let previousSquare = keepsSquare ? (i == 0 ? startSquare[k] : A1.cell(r - 1, sqrColumn + k)) : ""
                let formula = RunFormulas.update(
                    optimizer, weight: weights[k], gradient: grads[k], average: average, square: square,
                    previousAverage: previousAverage, previousSquare: previousSquare,
                    t: tColumn >= 0 ? cell(tColumn) : "", settings: cells)
                let m = keepsAverage ? traceValue(avgIndex[k]) : 0, v = keepsSquare ? traceValue(sqrIndex[k]) : 0
                if let average = formula.average { sheet.set(r, avgColumn + k, .formula(average, value: m)) }
                if let square = formula.square { sheet.set(r, sqrColumn + k, .formula(square, value: v)) }
                let next = RunFormulas.newWeight(
                    optimizer, weight: traceValue(weightIndex[k]), gradient: traceValue(gradIndex[k]), average: m, square: v,
                    previousSquare: previousSquares[k], t: update)
                sheet.set(r, newColumn + k, .formula(formula.weight, value: next))
                previousSquares[k] = v
            }
        }

        // Epochs: sums of the loss column over each epoch's rows, and the weights it ends with.
        let epochColumn = headers.count + 1
        let epochs = result.training.epochs
        for (c, title) in EpochBlock.headers(names).enumerated() {
            sheet.set(header, epochColumn + c, .text(title), style: .header)
        }
        let lossLetter = A1.column(predictionColumn + 1)
        for e in 0..<epochs.count {
            let summary = epochs.rows[e]
            let r = header + 1 + e
            let first = header + 1 + (run.warmupEpochs + e) * rowCount, last = first + rowCount - 1
            let sse = A1.cell(r, epochColumn + 1), mse = A1.cell(r, epochColumn + 2)
            sheet.set(r, epochColumn, .number(Double(summary.epoch)))
            sheet.set(r, epochColumn + 1, .formula("SUM(\(lossLetter)\(first + 1):\(lossLetter)\(last + 1))", value: summary.sse))
            sheet.set(r, epochColumn + 2, .formula("\(sse)/\(rowsCell)", value: summary.mse))
            sheet.set(r, epochColumn + 3, .formula("SQRT(\(mse))", value: summary.rmse))
            sheet.set(r, epochColumn + 4, .formula("SQRT(\(sse))", value: summary.sqrtSSE))
            for k in 0..<n {
                // The weights the next epoch starts from: the last row's new weights, or with the
                // "run" macro the weights that row used.
                let from = run.epochRestart == .spreadsheet ? 5 + k : newColumn + k
                sheet.set(r, epochColumn + 5 + k, .formula(A1.cell(last, from), value: summary.parameters[k]))
            }
        }
        RunCharts.add(
            to: &sheet, result: result, header: header + sheetRows.warmupRows, rows: rows - sheetRows.warmupRows, stepColumn: 0, lossColumn: predictionColumn + 1,
            weightColumns: (0..<n).map { 5 + $0 }, epochColumn: epochColumn, chartColumn: RunCharts.firstColumn)
    }
}

/// The rows of a formula sheet: the warm-up passes (which the trace does not record; replayed
/// here, each from the starting weights with the optimizer's state carried on, as the engine runs
/// them), then the trace's rows.
struct SheetRows {
    enum Start {
        /// A pass's first row: the starting weights.
        case startingWeights
        /// An epoch's first row under `epochRestart: "spreadsheet"`: the weights the row above used.
        case restart
        /// The row above's new weights.
        case continuing
    }

    struct Row {
        var trace: StepTrace
        var index: Int
        var warmupPass: Int?
        var start: Start
    }

    var rows: [Row] = []
    var warmupRows = 0

    init(result: RunResult) {
        let run = result.run
        var setup = run.makeTrainingSetup()
        var state = setup.initialState
        let names = run.parameterNames
        for pass in 0..<run.warmupEpochs {
            setup.warmupEpochs = 0
            setup.epochs = 1
            setup.epochRestart = TrainingSetup.EpochRestart.continue
            setup.initialState = state
            let steps = Trainer(setup).run().steps
            for i in 0..<steps.rowCount {
                rows.append(Row(trace: steps, index: i, warmupPass: pass + 1, start: i == 0 ? .startingWeights : .continuing))
            }
            let last = steps.row(steps.rowCount - 1)
            let updates = state.updates + steps.rowCount
            func column(_ column: TraceColumn) -> Double { last[last.startIndex + steps.index(of: column.name)!] }
            let average: [Double]? = run.optimizer.keepsAverage ? TraceColumn.ParameterGroup.average.columns(names).map(column) : nil
            let squareAverage: [Double]? = run.optimizer.keepsSquareAverage ? TraceColumn.ParameterGroup.squareAverage.columns(names).map(column) : nil
            state = OptimizerState(parameterCount: names.count, average: average, squareAverage: squareAverage)
            state.updates = updates
        }
        warmupRows = rows.count
        let steps = result.training.steps
        let perEpoch = run.data.rowCount
        for i in 0..<steps.rowCount {
            let start: Start = i == 0 ? .startingWeights : (i % perEpoch == 0 && run.epochRestart == .spreadsheet ? .restart : .continuing)
            rows.append(Row(trace: steps, index: i, warmupPass: nil, start: start))
        }
    }
}
