import SGDCairo
import SGDCharts
import SGDStudy

/// Which chart files a build writes (`--format`).
public enum ChartFormat: String, Sendable, CaseIterable {
    case png, svg, both

    var writesPNG: Bool { self != .svg }
    var writesSVG: Bool { self != .png }
}

/// A chart drawn into the study folder.
public struct DrawnChart: Sendable {
    public var definition: ChartDefinition
    /// Relative to the study folder, e.g. `charts/loss.png`; nil when that format was not asked for.
    public var pngPath: String?
    public var svgPath: String?
    /// The size the page shows it at, in CSS pixels (the PNG has twice as many).
    public var width: Int
    public var height: Int
    public var altText: String
}

/// Plans and draws a study's charts: planning assembles each chart and decides its files
/// (which the page needs, with the alt texts), drawing renders them through Cairo — one task
/// per chart, so that a build can draw them beside its other work.
enum ChartFiles {
    /// A chart assembled from the results, with the files it will be drawn into (its alt text
    /// still empty: see `altTexts`).
    struct Planned: Sendable {
        var chart: Chart
        var drawn: DrawnChart
    }

    static func plan(_ results: StudyResults, format: ChartFormat) -> [Planned] {
        results.study.charts.map { definition in
            let chart = ChartAssembler.chart(for: definition, results: results)
            return Planned(chart: chart, drawn: DrawnChart(
                definition: definition,
                pngPath: format.writesPNG ? StudyFolderLayout.chart(definition.slug, format: "png") : nil,
                svgPath: format.writesSVG ? StudyFolderLayout.chart(definition.slug, format: "svg") : nil,
                width: Int(chart.width), height: Int(chart.height), altText: ""))
        }
    }

    /// Each planned chart's alt text (`ChartAssembler.altText`), in order. Each lays its chart
    /// out once more (~0.2 ms a chart), so a build computes them in the page's task, beside the
    /// drawing, rather than while planning, when nothing else runs.
    static func altTexts(_ charts: [Planned], results: StudyResults) -> [String] {
        charts.map { ChartAssembler.altText(for: $0.chart, definition: $0.drawn.definition, results: results) }
    }

    static func renderer(for charts: [Planned]) throws(BuildError) -> CairoRenderer? {
        guard let first = charts.first else { return nil }
        do {
            return try CairoRenderer()
        } catch {
            throw BuildError.chart(name: first.drawn.definition.name, reason: "cannot start Cairo: \(error)")
        }
    }

    /// Draws one file of a planned chart: its PNG or its SVG (separate tasks balance better).
    ///
    /// - Returns: a warning per character per text of the chart that no installed font has,
    ///   from the PNG, or from the SVG when no PNG is written (file paths relative to the study folder).
    static func draw(_ planned: Planned, png: Bool, renderer: CairoRenderer, staging: StagingFolder) throws(BuildError) -> [BuildWarning] {
        do {
            var scene: Scene?
            if png, let path = planned.drawn.pngPath {
                let laidOut = try renderer.pngScene(planned.chart)
                try OutputFile.write(try renderer.png(laidOut, scale: planned.chart.scale), to: staging.file(path))
                scene = laidOut
            }
            if !png, let path = planned.drawn.svgPath {
                let laidOut = try renderer.svgScene(planned.chart)
                try OutputFile.write(try renderer.svg(laidOut), to: staging.file(path))
                if planned.drawn.pngPath == nil { scene = laidOut }
            }
            guard let scene, let file = planned.drawn.pngPath ?? planned.drawn.svgPath else { return [] }
            return renderer.missingCharacters(in: scene).flatMap { texts in
                texts.characters.map {
                    BuildWarning.missingGlyph(chart: planned.drawn.definition.title.isEmpty ? planned.drawn.definition.name : planned.drawn.definition.title, file: file,
                                              place: BuildWarning.place(of: texts.role), text: BidiText.withoutIsolates(texts.text), character: $0)
                }
            }
        } catch let error as BuildError {
            throw error
        } catch {
            throw BuildError.chart(name: planned.drawn.definition.name, reason: String(describing: error))
        }
    }
}
