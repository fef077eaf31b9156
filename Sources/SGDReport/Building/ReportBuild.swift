import Foundation
import SGDCairo
import SGDStudy
import XLSXWriterLoader

/// Something a build reports while it runs, in order, for the command line to print.
public enum BuildEvent: Sendable {
    /// A study file cannot be read or is invalid (every problem in it, located); the other
    /// files are still read, and the valid ones built unless two of them clash.
    case invalidStudy(StudyFileError)
    /// Two study files would build into one folder: nothing is built.
    case slugClash(BuildError)
    /// The page templates cannot be used: nothing is built.
    case invalidTemplates(BuildError)
    /// A study's folder is written and swapped in.
    case built(BuiltStudy)
    /// A study could not be built; its previous folder is unchanged. The build goes on with the
    /// next study, unless the error is `.interrupted`.
    case failed(Study, BuildError)
    /// The output folder's index could not be written (after the last study).
    case indexNotWritten(BuildError)
}

/// What a whole build did.
public struct BuildOutcome: Sendable {
    /// The studies built, in the order of the request.
    public var built: [BuiltStudy]
    /// The kind of each failure reported (invalid files, clashes, studies not built, the index).
    public var failures: [FailureKind]
    /// Whether an interruption stopped the build.
    public var interrupted: Bool { failures.contains(.interrupted) }
}

/// A build of every study a request names (SPEC §1, `sgdreport build`): reads them all first
/// (so every problem in every file is reported at once, while the templates load), refuses two
/// studies with one folder, builds each study in turn and writes the output folder's index
/// once, after the last.
public struct ReportBuild: Sendable {
    /// What to build.
    public var request: BuildRequest
    /// The limits each study must stay within.
    public var limits: StudyLimits
    /// Where the staging folders in progress are registered (shared with an interrupt handler).
    public var registry: StagingRegistry
    /// Raised to stop the build between steps and files.
    public var cancellation: CancellationFlag

    /// A build of `request`; `registry` and `cancellation` are shared with whatever handles
    /// interrupts (the command line's `InterruptHandler`).
    public init(request: BuildRequest, limits: StudyLimits = .standard, registry: StagingRegistry, cancellation: CancellationFlag) {
        self.request = request
        self.limits = limits
        self.registry = registry
        self.cancellation = cancellation
    }

    /// Builds the studies in `studyFiles` (the request's files, resolved by the caller).
    ///
    /// - Parameters:
    ///   - currentDirectory: where paths in "How to reproduce" are relative to.
    ///   - progress: for the study at 0-based `position` of `count`, a callback that training
    ///     threads call with the updates done so far (of `Study.totalSteps`), or nil; one that
    ///     the writing threads then call with how far the writing of its folder is
    ///     (`StudyBuilder.build`'s `writing`), or nil; and `done`, called when that study is
    ///     built or failed.
    ///   - report: each event, in order, on the calling thread.
    /// - Returns: what was built and the kind of each failure; nothing throws.
    public func run(
        studyFiles: [String], currentDirectory: String,
        progress: (_ study: Study, _ position: Int, _ count: Int) -> (
            update: (@Sendable (Int) -> Void)?, writing: (@Sendable (WritingProgress) -> Void)?, done: () -> Void
        ),
        report: (BuildEvent) -> Void
    ) -> BuildOutcome {
        var outcome = BuildOutcome(built: [], failures: [])
        let templatesDirectory = request.templatesDirectory
        let loadingTemplates = Background { () -> Result<ReportTemplates, BuildError> in
            Result { () throws(BuildError) -> ReportTemplates in try ReportTemplates.load(directory: templatesDirectory) }
        }
        // Setting up Cairo's fonts (fontconfig, Pango) takes milliseconds: with more than one
        // job it starts as soon as a study with charts is read, beside the templates loading
        // and the other studies reading, rather than just before the first chart; until it is
        // done the study builds' threads take the tasks that need no fonts. Waited for before
        // returning, so that no thread is still setting it up when the process exits.
        var fonts: Background<Bool>?
        defer { _ = fonts?.value }
        let reader = StudyReader(limits: limits)
        var studies: [Study] = []
        for path in studyFiles {
            do {
                let study = try reader.read(path: path)
                if fonts == nil, request.options.parallelism > 1, !study.charts.isEmpty { fonts = Background { (try? CairoRenderer()) != nil } }
                studies.append(study)
            } catch {
                report(.invalidStudy(error))
                outcome.failures.append(error.kind)
            }
        }
        let clashes = BuildRequest.slugClashes(studies)
        for clash in clashes {
            report(.slugClash(clash))
            outcome.failures.append(clash.kind)
        }
        guard clashes.isEmpty, !studies.isEmpty else { return outcome }
        // Loading libxlsxwriter for the workbooks (~8 M instructions of dynamic linking) runs
        // beside loading the templates and training, like the fonts above, with more than one
        // job; with one, the first workbook loads it. Waited for before returning.
        let loadingWorkbookWriter = request.options.parallelism > 1 ? Background { _ = sgd_xlsxwriter_load() } : nil
        defer { _ = loadingWorkbookWriter?.value }
        let templates: ReportTemplates
        switch loadingTemplates.value {
        case .success(let loaded): templates = loaded
        case .failure(let error):
            report(.invalidTemplates(error))
            outcome.failures.append(error.kind)
            return outcome
        }
        var builder = StudyBuilder(options: request.options, templates: templates, registry: registry)
        builder.fonts = fonts
        for (position, study) in studies.enumerated() {
            let shown = progress(study, position, studies.count)
            do {
                let built = try builder.build(
                    study, command: request.reproduceCommand(for: study, currentDirectory: currentDirectory),
                    progress: shown.update, writing: shown.writing, cancellation: cancellation)
                shown.done()
                outcome.built.append(built)
                report(.built(built))
            } catch {
                shown.done()
                report(.failed(study, error))
                outcome.failures.append(error.kind)
                if error.kind == .interrupted { break }
            }
        }
        // The index lists what is in the output folder now: written once, after the last study
        // (also after an interruption, for the studies built before it).
        if !outcome.built.isEmpty {
            do {
                try builder.writeIndex(outcome.built)
            } catch {
                report(.indexNotWritten(error))
                outcome.failures.append(error.kind)
            }
        }
        if outcome.interrupted { registry.removeAll() }
        return outcome
    }
}
