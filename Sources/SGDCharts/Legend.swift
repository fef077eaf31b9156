/// One line of the legend: a sample of the series' line and marker, and its name.
struct LegendEntry {
    var series: Int
    var text: String
    var textWidth: Double
    var stroke: StrokeStyle?
    var marker: MarkerStyle?
}

/// The legend's entries arranged in rows, and the size of its box.
struct LegendBox {
    static let padding = 7.0
    static let sampleWidth = 26.0
    static let sampleGap = 6.0
    static let columnGap = 16.0

    var entries: [LegendEntry]
    /// Entry indices per row: one entry a row in a column legend, several in a row legend.
    var rows: [[Int]]
    var rowHeight: Double
    var columnWidths: [Double]
    var size: Size

    /// A legend with one entry per row.
    static func column(_ entries: [LegendEntry], rowHeight: Double) -> LegendBox {
        let width = entries.map { entryWidth($0) }.max() ?? 0
        return LegendBox(entries: entries, rows: entries.indices.map { [$0] }, rowHeight: rowHeight,
                         columnWidths: [width],
                         size: Size(width: width + 2 * padding, height: Double(entries.count) * rowHeight + 2 * padding - 4))
    }

    /// A legend laid out in as many columns as fit in `width` (all columns equally wide, so the
    /// entries line up).
    static func rows(_ entries: [LegendEntry], rowHeight: Double, width: Double) -> LegendBox {
        let widest = entries.map { entryWidth($0) }.max() ?? 0
        let perRow = Swift.max(1, Int((width - 2 * padding + columnGap) / (widest + columnGap)))
        let columns = Swift.min(perRow, entries.count)
        var rows: [[Int]] = []
        var start = 0
        while start < entries.count {
            rows.append(Array(start..<Swift.min(start + columns, entries.count)))
            start += columns
        }
        let boxWidth = Double(columns) * widest + Double(Swift.max(0, columns - 1)) * columnGap + 2 * padding
        return LegendBox(entries: entries, rows: rows, rowHeight: rowHeight,
                         columnWidths: Array(repeating: widest, count: columns),
                         size: Size(width: boxWidth, height: Double(rows.count) * rowHeight + 2 * padding - 4))
    }

    private static func entryWidth(_ entry: LegendEntry) -> Double {
        sampleWidth + sampleGap + entry.textWidth
    }

    /// The legend's primitives with its top-left corner at `origin`.
    func items(at origin: Point, font: Font, textColor: Color, border: Color, setter: TextSetter) -> [SceneItem] {
        let frame = Rect(x: origin.x, y: origin.y, width: size.width, height: size.height)
        var items = [SceneItem(.legendFrame, .rect(frame, fill: Color.white.withAlpha(0.92),
                                                   stroke: StrokeStyle(color: border, width: 0.8)))]
        for (rowIndex, row) in rows.enumerated() {
            let midY = origin.y + LegendBox.padding - 2 + (Double(rowIndex) + 0.5) * rowHeight
            var x = origin.x + LegendBox.padding
            for (column, entryIndex) in row.enumerated() {
                let entry = entries[entryIndex]
                if let stroke = entry.stroke {
                    items.append(SceneItem(.legendSample(entry.series),
                                           .polyline([Point(x, midY), Point(x + LegendBox.sampleWidth, midY)], stroke)))
                }
                if let marker = entry.marker {
                    items.append(SceneItem(.legendSample(entry.series),
                                           .markers([Point(x + LegendBox.sampleWidth / 2, midY)], marker)))
                }
                let textX = x + LegendBox.sampleWidth + LegendBox.sampleGap
                items.append(SceneItem(.legendLabel(entry.series),
                                       .text(setter.run(entry.text, font: font, color: textColor,
                                                        at: Point(textX, midY), .start, .middle))))
                x += columnWidths[column] + LegendBox.columnGap
            }
        }
        return items
    }
}
