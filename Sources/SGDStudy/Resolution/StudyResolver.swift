import SGDEngine

/// Turns a decoded `StudySpec` into a `Study`: merges `defaults` into each run, fills the
/// engine's defaults, expands sweeps, and checks everything that spans fields — names and
/// slugs unique, charts and signals naming runs and columns that exist, the study's size.
struct StudyResolver {
    var reader: NodeReader
    let slug: String
    let file: String
    let limits: StudyLimits
    /// The study file's bytes, to point inside a string (an image of the description); empty when unknown.
    var source: [UInt8] = []

    init(reader: NodeReader, slug: String, file: String, limits: StudyLimits) {
        self.reader = reader
        self.slug = slug
        self.file = file
        self.limits = limits
    }

    mutating func resolve(_ spec: StudySpec) -> Study? {
        let studyData = spec.data?.value ?? .graddesc
        var runs: [Run] = []
        var origins: [String: (path: String, location: SourceLocation?)] = [:]
        var fileOrigins: [String: (path: String, location: SourceLocation?)] = [:]

        // Count sweep expansions before making them, so an enormous product is refused cheaply.
        let expandedCount = spec.runs.reduce(0) { total, run in
            let product = (run.sweep ?? []).reduce(1) { $0.multipliedReportingOverflow(by: max($1.values.count, 1)).partialValue }
            return total.addingReportingOverflow(product).overflow ? Int.max : total + product
        }
        if expandedCount > limits.maximumRuns {
            reader.report(
                "the runs and their sweeps make \(NumberText.grouped(expandedCount)) runs; the limit is \(NumberText.grouped(limits.maximumRuns))",
                path: "runs", at: spec.runsLocation, hint: "sweep fewer values, or split the study into several files")
            return nil
        }

        // A run whose own text (or the defaults') has errors, or that fails to resolve, is
        // remembered as invalid: charts and signals naming it do not add a second, misleading error.
        let defaultOptimizerIsWrong = checkDefaultOptimizer(spec.defaults)
        let defaultsHaveErrors = defaultOptimizerIsWrong || (spec.defaults.map { hasErrors(under: $0.path) } ?? false)
        var invalid = spec.invalid
        // Names, file names and init.from do not depend on the rest of a run: a run that fails for
        // another reason still takes part in their checks (`RunIdentity`), so that one early error
        // does not hide them.
        var identities: [RunIdentity] = []
        var standIns: [RunStandIn] = []
        var lookalikes: [String: (name: String, path: String)] = [:]  // by visible form
        func claimName(_ name: String, _ runSpec: RunSpec) -> Bool {
            if let first = origins[name] {
                reader.report(
                    "the run name \"\(name)\" is used twice (first at \(first.path))",
                    path: runSpec.name?.path ?? runSpec.path, at: runSpec.name?.location ?? runSpec.location,
                    hint: "give each run its own name")
                return false
            }
            // Two names that read the same on the page and in the charts are one name to a reader.
            let form = Suggestions.visibleForm(name, keepingJoiners: true)
            if let other = lookalikes[form] {
                reader.report(
                    Suggestions.lookalikeMessage(name, other.name, at: other.path, what: "run"),
                    path: runSpec.name?.path ?? runSpec.path, at: runSpec.name?.location ?? runSpec.location,
                    hint: "delete the invisible characters (pasted with the name?), or give each run its own name")
                return false
            }
            lookalikes[form] = (name, runSpec.name?.path ?? runSpec.path)
            origins[name] = (runSpec.name?.path ?? runSpec.path, runSpec.name?.location ?? runSpec.location)
            if let file = runSpec.file { fileOrigins[name] = (file.path, file.location) }
            return true
        }
        for runSpec in spec.runs {
            if let name = runSpec.name { reader.checkName(name, what: "run") }
            let merged = merge(runSpec, over: spec.defaults)
            let failed = defaultsHaveErrors || hasErrors(under: runSpec.path)
            if failed {
                checkStepRules(merged)
                _ = checkOptimizerSettings(merged)
                let modelHasErrors = hasErrors(under: "defaults.model") || hasErrors(under: JSONPath.appending(key: "model", to: runSpec.path))
                checkInitNames(runSpec, model: merged.model?.value, modelHasErrors: modelHasErrors)
            }
            let base = failed ? nil : resolveRun(merged, studyData: studyData, studyNormalize: spec.dataNormalize)
            guard let base else {
                checkSweep(ofFailed: merged, runSpecPath: runSpec.path)
                invalid.addRun(named: runSpec.name?.value)
                if let standIn = standIn(for: merged, runSpecPath: runSpec.path, studyData: studyData, studyNormalize: spec.dataNormalize),
                    origins[standIn.run.name] == nil
                {
                    standIns.append(standIn)
                }
                if let identity = RunIdentity(failed: merged, resolver: self), claimName(identity.name, runSpec) { identities.append(identity) }
                continue
            }
            for run in expand(base, sweep: merged.sweep, spec: merged, studyData: studyData, studyNormalize: spec.dataNormalize) {
                guard claimName(run.name, runSpec) else { continue }
                identities.append(RunIdentity(run, initField: merged.initialization))
                runs.append(run)
            }
        }
        // A file name that collides is reported where it was chosen: the `file`, else the name.
        checkSlugs(identities, origins: origins.merging(fileOrigins) { $1 })
        checkInitFrom(identities, invalid: invalid)

        let signals = resolveSignals(spec.signals, names: spec.signalNames, runs: runs, invalid: invalid)
        for name in Set(spec.signals.map(\.name.value)).subtracting(signals.map(\.name)) { invalid.addSignal(named: name) }
        let charts: [ChartDefinition]
        if spec.charts.isEmpty && !spec.chartsWereGiven {
            charts = DefaultCharts.make(runs: runs, signals: signals)
        } else {
            // A failed run whose columns are known is checked against like any other (the study
            // fails anyway, so no chart is drawn from it); one whose model alone is known serves landscapes.
            var chartInvalid = invalid
            let known = standIns.filter(\.columnsAreKnown).map(\.run)
            chartInvalid.runs.subtract(known.map(\.name))
            var chartResolver = ChartResolver(
                reader: reader, runs: runs + known, signals: signals, invalid: chartInvalid,
                modelOnlyRuns: standIns.filter { !$0.columnsAreKnown }.map(\.run))
            charts = chartResolver.resolve(spec.charts)
            reader = chartResolver.reader
        }
        checkSize(runs, spec: spec)
        let images = checkImages(spec)
        checkLinks(spec)

        guard reader.diagnostics.isEmpty else { return nil }
        return Study(
            slug: slug, sourceFile: file, title: spec.title?.value ?? StudyReader.defaultTitle(forFile: file),
            description: spec.description?.value ?? "", runs: runs, signals: signals, charts: charts, images: images)
    }

    /// The images of the description and the captions, each once; a bad one is reported at its field.
    mutating func checkImages(_ spec: StudySpec) -> [StudyImage] {
        let check = StudyImageCheck(studyFile: file)
        var images: [StudyImage] = []
        for field in [spec.description].compactMap({ $0 }) + spec.charts.compactMap(\.caption) {
            let (found, refusals) = check.images(in: field.value)
            for image in found where !images.contains(where: { $0.address == image.address }) { images.append(image) }
            // Each refused image is pointed at where its address is written in the string.
            let map = field.location.map { JSONStringSource(source: source, start: $0) }
            let scalars = Array(field.value.unicodeScalars)
            var searchFrom = 0
            for (address, refusal) in refusals {
                var location = field.location
                if let map, let offset = Self.scalarOffset(of: Array(address.unicodeScalars), in: scalars, from: searchFrom),
                    let found = map.location(ofScalar: offset)
                {
                    location = found
                    searchFrom = offset + 1
                }
                reader.report(refusal.message, path: field.path, at: location, hint: refusal.hint)
            }
        }
        return images
    }

    /// The offset of the first `needle` in `haystack` at or after `start`, in Unicode scalars.
    static func scalarOffset(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        for i in start...(haystack.count - needle.count) where haystack[i] == needle[0] && Array(haystack[i..<i + needle.count]) == needle {
            return i
        }
        return nil
    }

    // MARK: Checks

    /// Whether a diagnostic was already reported at `path` or inside it.
    func hasErrors(under path: String) -> Bool {
        reader.diagnostics.contains { diagnostic in
            guard let p = diagnostic.path else { return false }
            return p == path || p.hasPrefix(path + ".") || p.hasPrefix(path + "[")
        }
    }

    /// Reports each run whose file name (slug) an earlier run has, at its name.
    mutating func checkSlugs(_ runs: [RunIdentity], origins: [String: (path: String, location: SourceLocation?)]) {
        var slugs = SlugCollisions()
        let items = runs.map { run in
            SlugCollisions.Item(
                .run, name: run.name, slug: run.slug, path: origins[run.name]?.path, at: origins[run.name]?.location, sweep: run.sweep,
                chosenFile: run.file)
        }
        for collision in slugs.check(items) { reader.report(collision) }
    }
}
