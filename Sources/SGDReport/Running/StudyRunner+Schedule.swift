import SGDEngine
import SGDStudy

/// How a wave's runs are cut into work items and in which order the workers take them.
///
/// Items are far from equal: a step of a ReLU layer of 16 units costs about 3× one of 2 units
/// and 30× the 1-unit sandwich's kernel, and a group of 32 interleaved runs costs a few single
/// runs. Workers take items in list order, so the list goes longest first (LPT scheduling: the
/// last items to start are the shortest, and the workers finish together within one short item). A group too large for that — one that
/// would keep a worker busy after the others are done — is split into smaller interleaved groups
/// when the estimate says the split finishes sooner. Which items there are and in what order
/// never changes a result: each run trains to the bit as it would alone, and results are kept
/// in study order.
extension StudyRunner {
    /// Most runs one interleaved group holds: enough to fill a core's idle cycles (measured
    /// best at 16 to 32), few enough that a sweep still spreads over the cores.
    static let groupSize = 32

    /// The runs trained interleaved a step: `InterleavedPass` keeps four runs to a SIMD
    /// register, so groups are split in multiples of four.
    static let lanesPerRegister = 4

    /// The study's runs as work items, longest estimated first: runs of one
    /// `InterleavedTraining.GroupKey` together, in study order within a group, in groups of at most
    /// `groupSize` (smaller when that spreads the work over `parallelism` workers sooner); every
    /// other run alone. Equal estimates keep the order of the items' first runs.
    static func workItems(_ runs: [Run], parallelism: Int = 1) -> [[Int]] {
        plan(runs, parallelism: parallelism).map(\.runs)
    }

    /// A work item and its estimated cost.
    struct PlannedItem: Equatable {
        /// The runs' indices, in study order.
        var runs: [Int]
        /// In steps of the 1-neuron chain kernel (`CostModel`).
        var cost: Double
    }

    /// `workItems` with each item's estimated cost, longest first.
    static func plan(_ runs: [Run], parallelism: Int) -> [PlannedItem] {
        let setups = runs.map { $0.makeTrainingSetup() }
        var alone: [PlannedItem] = []
        var groups: [(key: InterleavedTraining.GroupKey, runs: [Int])] = []
        var groupOf: [InterleavedTraining.GroupKey: Int] = [:]
        for (index, setup) in setups.enumerated() {
            guard let key = InterleavedTraining.groupKey(setup) else {
                alone.append(PlannedItem(runs: [index], cost: CostModel.alone(setup)))
                continue
            }
            if let group = groupOf[key] {
                groups[group].runs.append(index)
            } else {
                groupOf[key] = groups.count
                groups.append((key, [index]))
            }
        }
        // Each group starts in as few pieces as `groupSize` allows (the least work in all) and
        // gains a piece while that shortens the estimated finish on `parallelism` workers.
        var pieces = groups.map { ($0.runs.count + groupSize - 1) / groupSize }
        func items() -> [PlannedItem] {
            var items = alone
            for (group, count) in zip(groups, pieces) {
                let setup = setups[group.runs[0]]
                // A piece of one run trains alone (StudyRunner.run).
                items += split(group.runs, into: count).map {
                    PlannedItem(runs: $0, cost: $0.count == 1 ? CostModel.alone(setup) : CostModel.interleaved(setup, lanes: $0.count))
                }
            }
            return ordered(items)
        }
        var best = items()
        if parallelism > 1 {
            while true {
                // The group whose largest piece is the longest item (a split of any other
                // group adds work without shortening the longest item).
                guard let longest = best.first(where: { $0.runs.count > 1 }), longest.cost == best[0].cost,
                      let group = groups.firstIndex(where: { $0.runs.contains(longest.runs[0]) }),
                      pieces[group] < (groups[group].runs.count + lanesPerRegister - 1) / lanesPerRegister
                else { break }
                pieces[group] += 1
                let candidate = items()
                guard finish(candidate, parallelism: parallelism) < finish(best, parallelism: parallelism) else {
                    pieces[group] -= 1
                    break
                }
                best = candidate
            }
        }
        return best
    }

    /// `runs` in `count` consecutive pieces of whole registers (multiples of
    /// `lanesPerRegister`), as even as that allows; the last piece takes what is left.
    static func split(_ runs: [Int], into count: Int) -> [[Int]] {
        let registers = (runs.count + lanesPerRegister - 1) / lanesPerRegister
        let count = max(1, min(count, registers))
        var pieces: [[Int]] = []
        var start = 0
        for piece in 0..<count {
            let size = (registers / count + (piece < registers % count ? 1 : 0)) * lanesPerRegister
            let end = min(runs.count, start + size)
            pieces.append(Array(runs[start..<end]))
            start = end
        }
        return pieces
    }

    /// Longest first; equal costs in the order of their first runs.
    static func ordered(_ items: [PlannedItem]) -> [PlannedItem] {
        items.sorted { ($0.cost, $1.runs[0]) > ($1.cost, $0.runs[0]) }
    }

    /// When the last of `parallelism` workers would finish `items` (in their order, each worker
    /// taking the next item when it is free), in the items' cost units.
    static func finish(_ items: [PlannedItem], parallelism: Int) -> Double {
        var busyUntil = Array(repeating: 0.0, count: max(1, parallelism))
        for item in items {
            let worker = busyUntil.indices.min { busyUntil[$0] < busyUntil[$1] }!
            busyUntil[worker] += item.cost
        }
        return busyUntil.max()!
    }
}

/// Estimated training time, in steps of the 1-neuron chain kernel (about 7 ns on the bench
/// machine; a step's latency-bound chain). The figures were measured with sgdreport-bench and
/// single-run studies (BENCHMARKS.md, workloads 5 and 9); they need only rank work items and
/// weigh a split, not predict seconds.
enum CostModel {
    /// A run trained alone: by a chain kernel (1 a step), or by the general loop, whose step
    /// costs 8 + P/2 (P parameters: about 60 ns for 2 ReLU units, 240 ns for 16) per row of its
    /// batch, and about P/2 or P times that with forward or central differences.
    static func alone(_ setup: TrainingSetup) -> Double {
        let steps = Double(max(setup.totalSteps, 0))
        if ChainKernel.eligible(for: setup) != nil { return steps }
        let parameters = Double(setup.network.parameterCount)
        let passes: Double
        switch setup.derivatives.method {
        case .analytic: passes = setup.derivatives.check ? 1 + parameters / 2 : 1
        case .forward: passes = 1 + parameters / 2
        case .central: passes = 1 + parameters
        }
        return steps * Double(setup.rowsPerStep) * (8 + parameters / 2) * passes
    }

    /// `lanes` runs of `setup`'s shape trained interleaved: a step of the group costs the
    /// chain's latency plus 0.05·P per lane, the lanes rounded up to whole registers (32 lanes
    /// of the 1-neuron model: 4.2, about 8× one run alone's work in half its time per run;
    /// 8 lanes of the ReLU sandwich: 2.6).
    static func interleaved(_ setup: TrainingSetup, lanes: Int) -> Double {
        let register = StudyRunner.lanesPerRegister
        let padded = Double((lanes + register - 1) / register * register)
        let parameters = Double(setup.network.parameterCount)
        return Double(max(setup.totalSteps, 0)) * (1 + 0.05 * parameters * padded)
    }
}
