/// Places text: measures it and turns an anchor into a baseline origin and a screen box.
struct TextSetter {
    enum Horizontal { case start, center, end }
    enum Vertical { case baseline, middle, top, bottom }

    let measurer: any TextMeasurer

    /// Rotation that reads bottom to top (a y-axis label).
    static let upward = -Double.pi / 2

    func metrics(_ text: String, _ font: Font) -> TextMetrics {
        measurer.measure(text, font: font)
    }

    /// A run whose anchor point (in the text's own frame: start/centre/end along the text,
    /// baseline/middle/top/bottom across it) lies at `anchor`.
    func run(_ text: String, font: Font, color: Color, at anchor: Point,
             _ horizontal: Horizontal, _ vertical: Vertical, rotation: Double = 0) -> TextRun {
        let m = metrics(text, font)
        let along: Double
        switch horizontal {
        case .start: along = 0
        case .center: along = -m.width / 2
        case .end: along = -m.width
        }
        let across: Double
        switch vertical {
        case .baseline: across = 0
        case .middle: across = m.ascent / 2
        case .top: across = m.ascent
        case .bottom: across = -m.descent
        }
        let (c, s) = Self.cosSin(rotation)
        func toScreen(_ u: Double, _ v: Double) -> Point { Point(c * u - s * v, s * u + c * v) }
        let offset = toScreen(along, across)
        let origin = Point(anchor.x + offset.x, anchor.y + offset.y)
        let corners = [toScreen(0, -m.ascent), toScreen(m.width, -m.ascent), toScreen(0, m.descent), toScreen(m.width, m.descent)]
        let xs = corners.map { $0.x + origin.x }, ys = corners.map { $0.y + origin.y }
        let bounds = Rect(minX: xs.min()!, minY: ys.min()!, maxX: xs.max()!, maxY: ys.max()!)
        return TextRun(text: text, origin: origin, font: font, color: color, rotation: rotation, bounds: bounds)
    }

    private static func cosSin(_ angle: Double) -> (Double, Double) {
        if angle == 0 { return (1, 0) }
        if angle == upward { return (0, -1) }
        return (_cos(angle), _sin(angle))
    }

    /// `text` at `font`, shrunk down to `minimumSize` and then cut with an ellipsis so that it
    /// is at most `width` wide.
    func fitted(_ text: String, font: Font, width: Double, minimumSize: Double) -> (String, Font) {
        var font = font
        while metrics(text, font).width > width && font.size > minimumSize {
            font.size = Swift.max(minimumSize, font.size - 0.5)
        }
        return (truncated(text, font: font, width: width), font)
    }

    /// `text` cut with an ellipsis so that it is at most `width` wide.
    func truncated(_ text: String, font: Font, width: Double) -> String {
        guard metrics(text, font).width > width else { return text }
        var characters = Array(text)
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters).trimmingTrailingSpaces() + "…"
            if metrics(candidate, font).width <= width { return candidate }
        }
        return "…"
    }

    /// `text` broken at spaces into lines at most `width` wide (a word longer than that is cut).
    func wrapped(_ text: String, font: Font, width: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if metrics(candidate, font).width <= width || line.isEmpty {
                line = candidate
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { truncated($0, font: font, width: width) }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
