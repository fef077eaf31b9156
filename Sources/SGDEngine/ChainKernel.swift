/// Specialised training kernels for the two models the spreadsheets train most: one neuron,
/// y = a·x + b, and the ReLU sandwich y = c·relu(a·x + b) + d, each with plain SGD or
/// momentum. A pass keeps the weights and moments in registers instead of memory, has no
/// per-step optimizer switch and no generic network path, and writes to memory only the steps
/// it records; the arithmetic is `CompiledNetwork`'s and `Optimizer.step`'s operation for
/// operation, so the trace is the general loop's to the last bit.
///
/// A kernel applies only when `ChainKernel.eligible(for:)` says so: an allow-list of the
/// settings it implements. Everything else, including any setting added to `TrainingSetup`,
/// `Network` or `Layer` later, falls back to the general loop.
package enum ChainKernel: Sendable, Equatable {
    /// y = a·x + b.
    case linear
    /// y = c·relu(a·x + b) + d.
    case reluSandwich

    /// The ReLU sandwich as `Network` spells it.
    package static let reluSandwichNetwork = Network(layers: [Layer(units: 1, activation: .relu), Layer(units: 1)])

    /// The kernel that trains `setup` exactly as the general loop would, or nil.
    ///
    /// Allowed: the two models above; one row a step; analytic derivatives without the check;
    /// `sgd` or `momentum`; no `lrAnneal`; any data, starting weights and moments, epochs,
    /// shuffling, warm-up, epoch restart and recording. The setup is rebuilt from the allowed
    /// settings alone and must equal the one given, so a setting this list does not know
    /// (with a non-default value) means no kernel.
    package static func eligible(for setup: TrainingSetup) -> ChainKernel? {
        let known = TrainingSetup(
            network: setup.network, data: setup.data, initialParameters: setup.initialParameters,
            epochs: setup.epochs, batch: setup.batch, shuffleSeed: setup.shuffleSeed, derivatives: .analytic,
            optimizer: setup.optimizer, initialState: setup.initialState, warmupEpochs: setup.warmupEpochs,
            epochRestart: setup.epochRestart, recordEvery: setup.recordEvery, recordEpochs: setup.recordEpochs,
            lrAnneal: nil)
        guard known == setup, setup.rowsPerStep == 1 else { return nil }
        let kernel: ChainKernel
        if setup.network == .linear {
            kernel = .linear
        } else if setup.network == reluSandwichNetwork {
            kernel = .reluSandwich
        } else {
            return nil
        }
        switch setup.optimizer {
        case .sgd, .momentum: return kernel
        default: return nil
        }
    }
}
