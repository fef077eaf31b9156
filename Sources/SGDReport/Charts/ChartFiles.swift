import Dispatch
import Foundation
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

/// Draws every chart of a study to PNG and SVG through Cairo, several at once.
enum ChartFiles {
    static func draw(
        _ results: StudyResults, format: ChartFormat, into staging: StagingFolder, parallelism: Int,
        cancellation: CancellationFlag
    ) throws(BuildError) -> [DrawnChart] {
        let definitions = results.study.charts
        guard !definitions.isEmpty else { return [] }
        try staging.makeDirectory("charts")
        let renderer: CairoRenderer
        do {
            renderer = try CairoRenderer()
        } catch {
            throw BuildError.chart(name: definitions[0].name, reason: "cannot start Cairo: \(error)")
        }
        let outcomes = Slots<Result<DrawnChart, BuildError>>(count: definitions.count)
        forEachInParallel(definitions.count, parallelism: parallelism) { index in
            guard !cancellation.isCancelled else {
                outcomes.set(index, .failure(.interrupted))
                return
            }
            outcomes.set(index, Result { () throws(BuildError) -> DrawnChart in
                try draw(definitions[index], results: results, renderer: renderer, format: format, staging: staging)
            })
        }
        // Report the first failure in chart order, so the message does not depend on timing.
        var charts: [DrawnChart] = []
        for outcome in outcomes.values {
            switch outcome {
            case .success(let chart): charts.append(chart)
            case .failure(let error): throw error
            case nil: throw BuildError.interrupted
            }
        }
        return charts
    }

    static func draw(
        _ definition: ChartDefinition, results: StudyResults, renderer: CairoRenderer, format: ChartFormat,
        staging: StagingFolder
    ) throws(BuildError) -> DrawnChart {
        let chart = ChartAssembler.chart(for: definition, results: results)
        var drawn = DrawnChart(
            definition: definition, pngPath: nil, svgPath: nil, width: Int(chart.width), height: Int(chart.height),
            altText: ChartAssembler.altText(for: chart))
        do {
            if format.writesPNG {
                let path = "charts/\(definition.slug).png"
                try OutputFile.write(try renderer.png(chart), to: staging.file(path))
                drawn.pngPath = path
            }
            if format.writesSVG {
                let path = "charts/\(definition.slug).svg"
                try OutputFile.write(try renderer.svg(chart), to: staging.file(path))
                drawn.svgPath = path
            }
        } catch let error as BuildError {
            throw error
        } catch {
            throw BuildError.chart(name: definition.name, reason: String(describing: error))
        }
        return drawn
    }
}

/// Where concurrent workers leave results, by index.
final class Slots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
