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
/// (which the page needs), drawing renders them through Cairo — one task per chart, so that a
/// build can draw them beside its other work.
enum ChartFiles {
    /// A chart assembled from the results, with the files it will be drawn into.
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
                width: Int(chart.width), height: Int(chart.height),
                altText: ChartAssembler.altText(for: chart, definition: definition, results: results)))
        }
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
    static func draw(_ planned: Planned, png: Bool, renderer: CairoRenderer, staging: StagingFolder) throws(BuildError) {
        do {
            if png, let path = planned.drawn.pngPath {
                try OutputFile.write(try renderer.png(planned.chart), to: staging.file(path))
            }
            if !png, let path = planned.drawn.svgPath {
                try OutputFile.write(try renderer.svg(planned.chart), to: staging.file(path))
            }
        } catch let error as BuildError {
            throw error
        } catch {
            throw BuildError.chart(name: planned.drawn.definition.name, reason: String(describing: error))
        }
    }
}
