import SGDCharts
import SGDMarkdown
import SGDEngine
import SGDStudy

/// Turns a built study into the text its page shows.
enum StudyPageBuilder {
    /// A run with at most this many weights shows them all; a wider network shows
    /// `abbreviatedWeights` of them and says where the others are (its epochs CSV).
    static let maximumWeightsShown = 8
    static let abbreviatedWeights = 4

    static func page(_ input: StudyPageInput) -> StudyPage {
        let study = input.study
        let runs = input.results.runs
        var describer = markdown(study, topHeadingLevel: 3)
        // A description with Arabic or Hebrew: each paragraph takes its own direction.
        describer.blockDirectionAuto = BidiText.hasRightToLeft(study.description)
        let description = describer.html(study.description)

        // Settings that differ between runs are the table's columns; those every run shares
        // are said once above it (an optional one only when it is not the default).
        var columns: [RunSettings.Kind] = []
        var shared: [StudyPage.Setting] = []
        for kind in RunSettings.kinds {
            let values = runs.map { kind.text($0.run) }
            if Set(values).count > 1 {
                columns.append(kind)
            } else if let value = values.first, kind.isCore || value != kind.defaultText {
                shared.append(.init(label: kind.label, value: value))
            }
        }

        let rows = runs.map { result in
            runRow(result, cells: columns.map { .init(text: $0.text(result.run), isFormula: $0.isFormula) })
        }
        let captions = markdown(study, topHeadingLevel: 4)
        let figures = input.charts.map { figure($0, captions: captions, results: input.results) }
        let signals = study.signals.map { signal in
            StudyPage.FileLink(
                label: fileName(StudyFolderLayout.signal(signal.slug)), href: relativeHref(StudyFolderLayout.signal(signal.slug)),
                note: "the signal “\(signal.name)”: \(signal.columns.joined(separator: ", "))",
                noteHTML: "the signal “\(HTMLText.isolated(signal.name))”: \(HTMLText.escape(signal.columns.joined(separator: ", ")))")
        }
        let layout = StudyFolderLayout(slug: study.slug)
        let updates = runs.reduce(0) { $0 + $1.training.stepCount }
        // What is empty is left out ("2 signals · 2 charts", not "0 runs · … · 0 updates").
        let summary = [
            (runs.count, "run"), (study.signals.count, "signal"), (input.charts.count, "chart"), (runs.isEmpty ? 0 : updates, "update"),
        ].filter { $0.0 > 0 }.map { count($0.0, $0.1) }.joined(separator: " · ")

        return StudyPage(
            // Names and titles in a right-to-left script read in their own direction: in `<bdi>`
            // in content (`HTMLText.isolated`), as they are in the page's `<title>` and attributes.
            title: study.title.isEmpty ? study.slug : study.title,
            titleHTML: HTMLText.isolated(study.title.isEmpty ? study.slug : study.title),
            generator: SGDReportVersion.generator,
            summary: summary,
            hasDescription: !description.isEmpty,
            descriptionHTML: description,
            runCount: count(runs.count, "run"),
            hasRuns: !runs.isEmpty,
            sharedSettingsHeading: runs.count == 1 ? "The run" : "Every run",
            hasSharedSettings: !shared.isEmpty,
            sharedSettings: shared,
            columns: columns.map { .init(label: $0.label, help: $0.help) },
            columnCount: String(columns.count),
            hasDifferences: !columns.isEmpty,
            runs: rows,
            hasDivergence: rows.contains { $0.diverged },
            hasCharts: !figures.isEmpty,
            charts: figures,
            hasSignals: !signals.isEmpty,
            signals: signals,
            inputFiles: study.inputFiles.map { input in
                StudyPage.FileLink(
                    label: fileName(input.copyPath),
                    href: relativeHref(input.copyPath),
                    note: "a copy of \(input.data.file.written), the data \(input.data.xs.count == 1 ? "row" : "rows") the runs trained on")
            },
            workbook: .init(
                label: layout.workbook, href: relativeHref(layout.workbook),
                note: "open in Excel or LibreOffice: one sheet per run, \(workbookNote(runs))"),
            studyFile: .init(label: StudyFolderLayout.studyFile, href: relativeHref(StudyFolderLayout.studyFile), note: "the study as built: defaults filled in, sweeps expanded; itself a study file"),
            resultsFile: .init(label: StudyFolderLayout.resultsFile, href: relativeHref(StudyFolderLayout.resultsFile), note: "per run: steps, final error and weights, where it diverged"),
            command: input.command,
            version: SGDReportVersion.current,
            seeds: study.seeds.isEmpty ? "none: this study uses no randomness" : study.seeds.map(String.init).joined(separator: ", "))
    }

    /// Which sheets hold formulas, for the workbook's link.
    static func workbookNote(_ runs: [RunResult]) -> String {
        let formulas = runs.filter { RunSheet(result: $0, name: "").valuesReason == nil }.count
        if formulas == runs.count { return "every computed cell a formula: change the learning rate and the run recomputes" }
        if formulas == 0 { return "as values (each sheet says why)" }
        return "\(formulas) of \(runs.count) with formulas (the others say why they hold values)"
    }

    static func runRow(_ result: RunResult, cells: [StudyPage.Cell]) -> StudyPage.RunRow {
        let run = result.run
        let training = result.training
        let last = result.finalEpoch
        let names = run.parameterNames
        let shown = names.count <= maximumWeightsShown ? names.count : abbreviatedWeights
        let weights = zip(names, training.finalParameters).prefix(shown).map { name, value in
            StudyPage.Weight(name: name, value: number(value))
        }
        let hidden = names.count - weights.count
        var divergence: String?
        var detail = ""
        if let stop = training.divergence {
            divergence = RunSettings.diverged(stop)
            switch stop.cause {
            case .loss: detail = "The loss stopped being finite; training stopped there."
            case .derivative: detail = "A derivative stopped being finite; training stopped there."
            case .weight: detail = "A weight stopped being finite; training stopped there."
            }
        }
        if let source = run.startsFrom, let stop = run.inheritedDivergence {
            detail += (detail.isEmpty ? "" : " ") + "It started from the final weights of “\(source)”, which \(RunSettings.diverged(stop))."
        }
        return StudyPage.RunRow(
            name: run.name,
            nameHTML: nameHTML(run),
            anchor: "run-\(run.slug)",
            settings: cells,
            diverged: divergence != nil,
            divergence: divergence,
            divergenceDetail: detail,
            sqrtSSE: run.lrFind != nil ? Self.finderError : last.map { number($0.sqrtSSE) } ?? .init(text: "—", exact: "no epoch finished"),
            mse: run.lrFind != nil ? Self.finderError : last.map { number($0.mse) } ?? .init(text: "—", exact: "no epoch finished"),
            weights: weights,
            moreWeights: hidden > 0 ? "and \(NumberText.grouped(hidden)) more in the epochs CSV" : nil,
            steps: .init(label: "steps.csv", href: relativeHref(StudyFolderLayout.steps(run: run.slug)), note: rowsNote(every: run.recordEvery, of: "update", rows: training.steps.rowCount)),
            epochs: .init(label: "epochs.csv", href: relativeHref(StudyFolderLayout.epochs(run: run.slug)), note: rowsNote(every: run.recordEpochs, of: "epoch", rows: training.epochs.count)))
    }

    /// A finder run's error in the Runs table: none. Its batches each train at another rate and it
    /// stops when the loss diverges, so the error of its last pass (often cut short) would read as
    /// a trained model's — lower than the real runs' when it stopped after a few batches.
    static let finderError = StudyPage.Number(
        text: "—", exact: "a learning-rate finder: its batches each train at another rate; its losses are in its chart and steps.csv")

    /// A chart's title for element content: a name in a default title ("Weights: name", "name
    /// and its average": `ChartAssembler.titleParts`) in `<bdi>` on its own, as the chart draws
    /// it; any other title in `<bdi>` as a whole when it has a right-to-left letter.
    static func titleHTML(_ definition: ChartDefinition, results: StudyResults?) -> String {
        guard let parts = ChartAssembler.titleParts(definition), BidiText.hasRightToLeft(parts.name) else { return HTMLText.isolated(definition.title) }
        var name = HTMLText.isolated(parts.name)
        if case .runs = definition.content, let run = results?.run(named: parts.name)?.run { name = nameHTML(run) }
        return HTMLText.escape(parts.before) + name + HTMLText.escape(parts.after)
    }

    /// A run's name for element content: the name the study gave (a swept run's base name) in
    /// `<bdi>` when it has a right-to-left letter, its settings after it, as the charts compose
    /// it (`ChartAssembler.nameParts`).
    static func nameHTML(_ run: Run) -> String {
        let parts = ChartAssembler.nameParts(run)
        return HTMLText.isolated(parts.name) + (parts.settings.map { " " + HTMLText.escape($0) } ?? "")
    }

    /// What a trace file holds: `one row per update`, or for a run that keeps only some
    /// (`"record": { "every": 29 }`, `{ "epochs": 100 }`) `every 29th update (the first, the last
    /// and a diverging one kept): 101 rows`.
    static func rowsNote(every: Int, of unit: String, rows: Int) -> String {
        guard every > 1 else { return "one row per \(unit)" }
        return "every \(ordinal(every)) \(unit) (the first, the last and a diverging one kept): \(rows) \(rows == 1 ? "row" : "rows")"
    }

    /// `2nd`, `29th`, `101st`, `112th`.
    static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }

    /// The study's Markdown renderer: its images are the copies in the study folder.
    static func markdown(_ study: Study, topHeadingLevel: Int) -> MarkdownRenderer {
        let sources = Dictionary(study.images.map { ($0.address, relativeHref($0.outputPath)) }, uniquingKeysWith: { first, _ in first })
        return MarkdownRenderer(topHeadingLevel: topHeadingLevel) { sources[$0] }
    }

    static func figure(_ chart: ChartOnPage, captions: MarkdownRenderer = MarkdownRenderer(topHeadingLevel: 4), results: StudyResults? = nil) -> StudyPage.Figure {
        let definition = chart.definition
        let caption = definition.caption.map { text in
            var captions = captions
            captions.blockDirectionAuto = BidiText.hasRightToLeft(text)
            return captions.html(text)
        } ?? ""
        // Alt text is an attribute: no isolates (a screen reader reads a name in its own direction).
        let alt = chart.alt.isEmpty ? "Chart: \(definition.title)" : BidiText.withoutIsolates(chart.alt)
        let source = chart.pngPath ?? chart.svgPath
        var downloads: [StudyPage.FileLink] = []
        if let png = chart.pngPath { downloads.append(.init(label: "PNG", href: relativeHref(png), note: "for forum posts")) }
        if let svg = chart.svgPath { downloads.append(.init(label: "SVG", href: relativeHref(svg), note: "scalable")) }
        return StudyPage.Figure(
            title: definition.title,
            titleHTML: titleHTML(definition, results: results),
            anchor: "chart-\(definition.slug)",
            hasImage: source != nil,
            image: source.map {
                .init(src: relativeHref($0), width: String(chart.width), height: String(chart.height), alt: alt)
            },
            hasCaption: !caption.isEmpty,
            captionHTML: caption,
            hasDownloads: !downloads.isEmpty,
            downloads: downloads)
    }

    /// A path relative to the study folder as a link: each segment percent-encoded, and
    /// nothing that climbs out (`..`, `/` at the start) or names a scheme.
    static func relativeHref(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." && $0 != ".." }.map { HTMLText.pathSegment(String($0)) }
            .joined(separator: "/")
    }

    /// The last segment of a path inside the study folder: `data/input.csv` → `input.csv`.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func number(_ value: Double) -> StudyPage.Number {
        let (text, exact) = ReadableNumber.format(value)
        return .init(text: text, exact: exact)
    }

    /// "116,200 updates": grouped as the command line writes counts.
    static func count(_ n: Int, _ noun: String) -> String {
        "\(NumberText.grouped(n)) \(noun)\(n == 1 ? "" : "s")"
    }
}
