import SGDCharts
import SGDEngine
import SGDStudy

extension ChartAssembler {
    /// One point per run: each run's final value of the columns against the setting `x` its
    /// sweep varies; a diverged run is marked at the top edge.
    static func summaryChart(
        _ definition: ChartDefinition, x: String, y: [String], runs: [String], results: StudyResults
    ) -> Chart {
        var series: [Series] = []
        var xScale = definition.xScale
        let selected = runs.compactMap { results.run(named: $0) }
        let key = SweepKey(rawValue: x) ?? .lr
        // One series per swept run group (a sweep, with its other settings fixed), so two
        // sweeps never merge; a run that is not swept is a labelled point of its own.
        let groups = runGroups(selected, key: key)
        for column in y {
            for group in groups {
                var points: [(x: Double, y: Double)] = []
                var diverged: [Double] = []
                for result in group.results {
                    guard let setting = result.run.setting(key) else { continue }
                    if result.training.divergence != nil {
                        // Diverged: no final value; marked at the top edge so the whole sweep shows.
                        diverged.append(setting)
                        points.append((setting, .infinity))
                    } else if let value = ChartColumns.finalValue(of: column, in: result) {
                        points.append((setting, value))
                    }
                }
                if points.isEmpty { continue }
                points.sort { $0.x < $1.x }
                let repeatsX = Set(points.map(\.x)).count < points.count
                let what = y.count > 1 ? columnLabel(column) : "final \(columnLabel(column))"
                let name = groups.count == 1 && group.swept ? what
                    : (y.count > 1 ? "\(group.name) · \(columnLabel(column))" : group.name)
                var note: String?
                if !diverged.isEmpty {
                    let sorted = diverged.sorted()
                    // A few settings by value; many as their range.
                    let settings = sorted.count <= 4
                        ? "\(key.rawValue) = " + sorted.map { NumberText.compact($0) }.joined(separator: ", ")
                        : "\(key.rawValue) from \(NumberText.compact(sorted[0])) to \(NumberText.compact(sorted[sorted.count - 1]))"
                    note = diverged.count == 1 ? "1 run diverged (\(settings)), marked ▲ at the top edge"
                        : "\(diverged.count) runs diverged (\(settings)), marked ▲ at the top edge"
                }
                series.append(Series(name: name, x: points.map(\.x), y: points.map(\.y),
                                     style: repeatsX || !group.swept ? .markers : .lineAndMarkers,
                                     infinityNote: note))
            }
        }
        if xScale == .auto {
            xScale = automaticScale([selected.compactMap { $0.run.setting(key) }], isWide: { $0 >= 100 })
        }
        return finish(definition, series: series, xLabel: settingLabel(key), yLabel: "final " + axisLabel(for: y), xScale: xScale)
    }

    /// Runs of a per-run chart grouped by what they share besides `key`: a sweep's runs (with its
    /// other settings) form one group, named "ReLU" or "ReLU units=4"; a run not swept over `key`
    /// is a group of its own. Seeds are repeats of one experiment, not settings: runs that differ
    /// only in their seed share a group (drawn as markers, several at one x).
    static func runGroups(_ results: [RunResult], key: SweepKey) -> [(name: String, swept: Bool, results: [RunResult])] {
        var groups: [(name: String, swept: Bool, results: [RunResult])] = []
        for result in results {
            let name: String, swept: Bool
            if let sweep = result.run.sweep, sweep.settings.contains(where: { $0.key == key }) {
                let others = sweep.settings.filter { $0.key != key && $0.key != .seed }
                    .map(\.label)
                name = ([BidiText.isolated(sweep.baseName)] + others).joined(separator: " ")
                swept = true
            } else {
                name = displayName(result.run)
                swept = false
            }
            if let index = groups.firstIndex(where: { $0.name == name && $0.swept == swept }) {
                groups[index].results.append(result)
            } else {
                groups.append((name, swept, [result]))
            }
        }
        return groups
    }
}
