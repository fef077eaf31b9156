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

    /// `text` broken into lines at most `width` wide where its script allows a break (after
    /// spaces; between the characters of Chinese or Japanese: the measurer's
    /// `lineBreakOffsets`); a piece longer than a line is cut with an ellipsis.
    func wrapped(_ text: String, font: Font, width: Double) -> [String] {
        wrappedLines(text, font: font, width: width).map { truncated($0.text, font: font, width: width) }
    }

    /// The lines `wrapped` makes before cutting, each with the Character offset in `text` where it
    /// starts. Spaces at the ends of a line are left out.
    func wrappedLines(_ text: String, font: Font, width: Double) -> [(text: String, start: Int)] {
        let characters = Array(text)
        let breaks = measurer.lineBreakOffsets(in: text).filter { $0 > 0 && $0 < characters.count }
        var pieces: [Range<Int>] = []
        var start = 0
        for k in breaks where k > start {
            pieces.append(start..<k)
            start = k
        }
        if start < characters.count { pieces.append(start..<characters.count) }
        var lines: [(text: String, start: Int)] = []
        var line: Range<Int>?
        func trimmed(_ range: Range<Int>) -> (text: String, start: Int) {
            var lower = range.lowerBound, upper = range.upperBound
            while lower < upper, characters[lower] == " " { lower += 1 }
            while upper > lower, characters[upper - 1] == " " { upper -= 1 }
            return (String(characters[lower..<upper]), lower)
        }
        for piece in pieces {
            guard let current = line else {
                line = piece
                continue
            }
            let candidate = current.lowerBound..<piece.upperBound
            if metrics(trimmed(candidate).text, font).width <= width || trimmed(current).text.isEmpty {
                line = candidate
            } else {
                lines.append(trimmed(current))
                line = piece
            }
        }
        if let line, !trimmed(line).text.isEmpty { lines.append(trimmed(line)) }
        return lines
    }

    /// `texts` each cut to `width` as `truncated` does, except that different texts that would
    /// be cut to the same text (run names alike up to their last characters) keep their start
    /// and their end around an ellipsis, the end beginning where they differ when it fits.
    func truncatedDistinctly(_ texts: [String], font: Font, width: Double) -> [String] {
        var result = texts.map { truncated($0, font: font, width: width) }
        var byText: [String: [Int]] = [:]
        for (i, cut) in result.enumerated() { byText[cut, default: []].append(i) }
        for indices in byText.values where Set(indices.map { texts[$0] }).count > 1 {
            let arrays = indices.map { Array(texts[$0]) }
            var common = 0
            while arrays.allSatisfy({ common < $0.count && $0[common] == arrays[0][common] }) { common += 1 }
            for (i, characters) in zip(indices, arrays) where result[i] != texts[i] {
                result[i] = middleTruncated(characters, keepingFrom: common, font: font, width: width)
            }
        }
        return result
    }

    /// `characters` with as much of their start as fits, an ellipsis, and their end from offset
    /// `from` on (cut from its front when even that does not fit).
    private func middleTruncated(_ characters: [Character], keepingFrom from: Int, font: Font, width: Double) -> String {
        var tailStart = Swift.max(0, Swift.min(from, characters.count - 1))
        // Keep at least a few characters of the end, so that the difference shows.
        tailStart = Swift.min(tailStart, Swift.max(0, characters.count - 3))
        var tail = String(characters[tailStart...])
        while metrics("…" + tail, font).width > width && tail.count > 1 { tail.removeFirst() }
        var head = tailStart
        while head > 0 {
            let candidate = String(characters[..<head]).trimmingTrailingSpaces() + "…" + tail
            if metrics(candidate, font).width <= width { return candidate }
            head -= 1
        }
        return "…" + tail
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
