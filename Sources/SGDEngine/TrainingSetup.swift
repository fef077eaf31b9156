/// Everything a run needs, already resolved from the study: the engine never reads files.
public struct TrainingSetup: Sendable, Equatable {
    /// How many rows make one update.
    public enum Batch: Sendable, Equatable {
        /// One row a step, in data order, as the spreadsheets do.
        case online
        /// Every row in one step.
        case full
        /// Consecutive groups of this many rows (the last may be smaller).
        case size(Int)

        /// Rows one step takes from data of `count` rows.
        package func rows(in count: Int) -> Int {
            switch self {
            case .online: return 1
            case .full: return Swift.max(count, 1)
            case .size(let n): return Swift.max(1, Swift.min(n, count))
            }
        }
    }

    /// Where each new epoch starts.
    public enum EpochRestart: String, Sendable, Equatable, CaseIterable, Codable {
        /// From the weights after the previous epoch's last update.
        case `continue`
        /// From the weights the previous epoch's last row *used*, dropping its last update but
        /// keeping the optimizer state: what the spreadsheets' "run" macro does.
        case spreadsheet
    }

    package var network: Network
    package var data: Dataset
    package var initialParameters: [Double]
    package var epochs: Int
    package var batch: Batch
    /// Shuffle the rows each epoch with a generator seeded with this; nil keeps data order.
    package var shuffleSeed: UInt64?
    package var derivatives: Derivatives
    package var optimizer: Optimizer
    /// Starting moments (default zeros).
    package var initialState: OptimizerState
    /// Passes over the data before recording, each from `initialParameters`, carrying only the
    /// optimizer state: the spreadsheets' "reset" button.
    package var warmupEpochs: Int
    package var epochRestart: EpochRestart
    /// Record every n-th step (and always the first, the last and a diverging one).
    package var recordEvery: Int
    /// Record every n-th epoch in the epochs trace (and always the first, the last and a diverging one).
    package var recordEpochs: Int
    /// Divide the learning rate between epochs when the gradients grow (nil: never).
    package var lrAnneal: LearningRateAnneal?
    /// Weight decay before each update (nil: none).
    package var weightDecay: WeightDecay?
    /// The rate (and momentum) before each batch, fastai's way (nil: the optimizer's own).
    package var schedule: Schedule?
    /// A learning-rate finder run instead of `epochs` of training (nil: ordinary training).
    package var lrFind: LRFinder?

    package init(
        network: Network, data: Dataset, initialParameters: [Double], epochs: Int = 1,
        batch: Batch = .online, shuffleSeed: UInt64? = nil, derivatives: Derivatives = .analytic,
        optimizer: Optimizer, initialState: OptimizerState? = nil, warmupEpochs: Int = 0,
        epochRestart: EpochRestart = .continue, recordEvery: Int = 1, recordEpochs: Int = 1,
        lrAnneal: LearningRateAnneal? = nil,
        weightDecay: WeightDecay? = nil, schedule: Schedule? = nil, lrFind: LRFinder? = nil
    ) {
        precondition(initialParameters.count == network.parameterCount, "one initial value per parameter")
        self.network = network
        self.data = data
        self.initialParameters = initialParameters
        self.epochs = epochs
        self.batch = batch
        self.shuffleSeed = shuffleSeed
        self.derivatives = derivatives
        self.optimizer = optimizer
        self.initialState = initialState ?? OptimizerState(parameterCount: network.parameterCount)
        self.warmupEpochs = warmupEpochs
        self.epochRestart = epochRestart
        self.recordEvery = recordEvery
        self.recordEpochs = recordEpochs
        self.lrAnneal = lrAnneal
        self.weightDecay = weightDecay
        self.schedule = schedule
        self.lrFind = lrFind
    }

    /// Whether a step does more than the optimizer's update: decay, a scheduled rate, a finder's rate.
    package var hasStepRules: Bool { weightDecay != nil || schedule != nil || lrFind != nil }

    /// The columns `epochs.csv` has after the weights: `lr` when the rate is annealed,
    /// `lr_<p>` (lr/σ_p, each parameter's rate) for the spreadsheet Adagrad, `feedback` (d) for Eve.
    package var epochExtraColumns: [String] {
        Self.epochExtraColumns(parameterNames: network.parameterNames, optimizer: optimizer, annealed: lrAnneal != nil)
    }

    /// The columns `steps.csv` ends with: `lr`, `mom`, `smooth_loss` (see `TraceColumns.stepExtras`).
    package var stepExtraColumns: [TraceColumn] {
        TraceColumns.stepExtras(scheduled: schedule != nil, scheduledMomentum: schedule?.schedulesMomentum ?? false, finder: lrFind != nil)
    }

    package static func epochExtraColumns(parameterNames: [String], optimizer: Optimizer, annealed: Bool) -> [String] {
        TraceColumns.names(TraceColumns.epochExtras(
            parameterNames: parameterNames, annealed: annealed, perParameterRates: optimizer.scalesPerEpoch,
            feedback: optimizer.usesLossFeedback))
    }

    /// The run's counts: rows per update, updates per epoch and in all, rows kept.
    package var counts: Counts {
        Counts(rows: data.count, batch: batch, epochs: epochs, warmupEpochs: warmupEpochs, recordEvery: recordEvery,
            recordEpochs: recordEpochs, lrFind: lrFind)
    }

    /// Rows per update.
    package var rowsPerStep: Int { counts.rowsPerStep }

    /// Updates per pass over the data.
    package var stepsPerEpoch: Int { counts.stepsPerEpoch }

    /// Updates the run makes, warm-up included: what its cost is proportional to.
    package var totalSteps: Int { counts.totalSteps }

    /// Steps the trace keeps.
    package var recordedSteps: Int { counts.recordedSteps }

    /// What a run's size depends on, without its data: a study's cost can be checked before any
    /// data set is made. Counts that overflow `Int` are `Int.max`.
    public struct Counts: Sendable, Equatable {
        /// Rows in the data set.
        package var rows: Int
        package var batch: Batch
        package var epochs: Int
        package var warmupEpochs: Int
        package var recordEvery: Int
        package var recordEpochs: Int
        /// A finder runs its `numIt` batches at most, whatever `epochs` says.
        package var lrFind: LRFinder?

        package init(
            rows: Int, batch: Batch, epochs: Int, warmupEpochs: Int, recordEvery: Int, recordEpochs: Int = 1,
            lrFind: LRFinder? = nil
        ) {
            self.rows = rows
            self.batch = batch
            self.epochs = epochs
            self.warmupEpochs = warmupEpochs
            self.recordEvery = recordEvery
            self.recordEpochs = recordEpochs
            self.lrFind = lrFind
        }

        /// Rows per update.
        package var rowsPerStep: Int { batch.rows(in: rows) }

        /// Updates per pass over the data.
        package var stepsPerEpoch: Int {
            rows == 0 ? 0 : (rows + rowsPerStep - 1) / rowsPerStep
        }

        /// Updates the run makes, warm-up included: what its cost is proportional to.
        package var totalSteps: Int {
            if let lrFind { return lrFind.numIt }
            let (passes, o1) = epochs.addingReportingOverflow(warmupEpochs)
            let (steps, o2) = passes.multipliedReportingOverflow(by: stepsPerEpoch)
            return o1 || o2 ? Int.max : steps
        }

        /// Steps the trace keeps.
        package var recordedSteps: Int {
            if let lrFind { return lrFind.numIt }
            let steps = epochs.multipliedReportingOverflow(by: stepsPerEpoch)
            if steps.overflow { return Int.max }
            return recordEvery <= 1 ? steps.partialValue : steps.partialValue / recordEvery + 2
        }

        /// Epochs the epochs trace keeps: the first, every `recordEpochs`-th after it, and the last.
        package var recordedEpochs: Int {
            if recordEpochs <= 1 || epochs <= 1 { return epochs }
            return (epochs - 1) / recordEpochs + 1 + ((epochs - 1) % recordEpochs == 0 ? 0 : 1)
        }

        /// Whether the epochs trace keeps `epoch` (from 1) of a run of `epochs` that does not
        /// diverge: the first, every `every`-th after it (1, 1 + every, …) and the last.
        package static func isRecorded(epoch: Int, every: Int, of epochs: Int) -> Bool {
            every <= 1 || (epoch - 1) % every == 0 || epoch == epochs
        }
    }
}

/// Where a run stopped because the loss, a derivative or a weight stopped being finite.
package struct Divergence: Sendable, Equatable {
    /// The recorded step (from 1) at which it happened; 0 during warm-up.
    package var step: Int
    /// The epoch (from 1) of that step; during warm-up, the warm-up pass (from 1).
    package var epoch: Int
    package var duringWarmup: Bool
    /// What stopped being finite.
    package var cause: Cause

    package enum Cause: String, Sendable, Equatable {
        case loss
        case derivative
        case weight
    }
}

/// What a run produced (`Trainer.run()`): its two traces, where it diverged if it did, and the
/// weights it ended with (one per parameter, in model order; unitless like the data).
public struct TrainingResult: Sendable, Equatable {
    package var steps: StepTrace
    package var epochs: EpochTrace
    /// Nil when every step stayed finite.
    package var divergence: Divergence?
    /// The weights after the run (those the next epoch would start from).
    package var finalParameters: [Double]
    /// Updates made in the recorded epochs, whether or not each was recorded.
    package var stepCount: Int
    /// A learning-rate finder's suggestions (nil for other runs).
    package var lrFind: LRFinder.Suggestions? = nil
}
