import SGDCharts
import SGDEngine
import SGDStudy

extension ChartAssembler {
    /// Columns of a signal's CSV (its values and their averages) against t or x.
    static func signalChart(_ definition: ChartDefinition, name: String, x: String, y: [String], results: StudyResults) -> Chart {
        var series: [Series] = []
        let xLabel: String, yLabel: String
        if let signal = results.signal(named: name) {
            let xs = signal.column(x) ?? []
            for column in y {
                series.append(Series(name: signalSeriesName(column, signal: signal, results: results), x: xs, y: signal.column(column) ?? []))
            }
        }
        // A signal taken from a run is indexed by the run's steps; one given as values, by t.
        switch results.signal(named: name)?.signal.source {
        case .run? where x == "x": xLabel = "step"
        case .values? where x == "x": xLabel = "t"
        default: xLabel = x
        }
        yLabel = y.count == 1 ? signalSeriesName(y[0], signal: results.signal(named: name), results: results) : signalAxisLabel(results.signal(named: name))
        return finish(definition, series: series, xLabel: xLabel, yLabel: yLabel)
    }

    /// The y axis of a signal with its averages: what the signal is — the run's column
    /// ("∂E/∂d"), the function of x ("sin(x)"), or the signal's name for given values.
    static func signalAxisLabel(_ signal: SignalSeries?) -> String {
        switch signal?.signal.source {
        case .run(_, let column)?: return columnLabel(column)
        case .function(_, _, _, let f)?:
            switch f {
            case .identity: return "x"
            case .square: return "x²"
            default: return "\(f.rawValue)(x)"
            }
        case .values?: return signal.map { BidiText.isolated($0.signal.name) } ?? "value"
        case nil: return "value"
        }
    }

    static func signalSeriesName(_ column: String, signal: SignalSeries?, results: StudyResults? = nil) -> String {
        let beta = signal?.signal.ewma.map { NumberText.compact($0.beta) } ?? ""
        switch column {
        case "value":
            // A run's column is named for what it is, not for the signal built on it.
            if case .run(let run, let source)? = signal?.signal.source { 
                return "\(columnLabel(source)) (\(results.map { displayName(ofRunNamed: run, in: $0) } ?? BidiText.isolated(run)))"
            }
            return signal.map { BidiText.isolated($0.signal.name) } ?? "value"
        case "ewma": return signal?.signal.ewma?.dampening == false ? "undampened EWMA (β = \(beta))" : "EWMA (β = \(beta))"
        case "debiased": return "debiased EWMA"
        default: return column
        }
    }
}
