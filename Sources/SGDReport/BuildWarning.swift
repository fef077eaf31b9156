import SGDCharts

/// Something a build did that the user should know of, though the study was built.
public enum BuildWarning: Sendable, Equatable, CustomStringConvertible {
    /// A character of a chart's text that no installed font has: the chart shows a box with its
    /// code instead (issue 13). One per character per text of a chart.
    ///
    /// - Parameters:
    ///   - file: the chart's file, under the output folder (its PNG, or its SVG when only that is written).
    ///   - place: what the text is, e.g. "the title", "the legend".
    case missingGlyph(chart: String, file: String, place: String, text: String, character: Unicode.Scalar)

    /// A previous report moved aside (`.sgdreport-replaced-<slug>-<pid>`) that could not be
    /// removed, by this build after its swap (`report`: the new report's folder) or by a later
    /// one (`report` nil): e.g. a folder of it made read-only. It holds only files sgdreport wrote
    /// (the user's own were copied into the new report), and each build tries to remove it again.
    case previousReportNotRemoved(folder: String, report: String?, reason: String)

    /// The message for the terminal: `<file>: warning: …` with a `hint:` line. Control
    /// characters in the text are shown as JSON escapes (`\u0007`), as a study file writes them.
    public var description: String {
        switch self {
        case .missingGlyph(let chart, let file, let place, let text, let character):
            let quoted = "\(place) \"\(Self.escapingControls(text))\""
            if character.properties.generalCategory == .control {
                return """
                    \(file): warning: chart "\(chart)": \(Self.code(character)) is a control character, which no font draws (in \(quoted)); it is drawn as \(character == "\0" ? "�" : "a box")
                      hint: remove it from the text
                    """
            }
            return """
                \(file): warning: chart "\(chart)": no installed font has \(Self.code(character)) (in \(quoted)); it is drawn as a box
                  hint: \(Self.fontHint(for: [character]))
                """
        case .previousReportNotRemoved(let folder, let report, let reason):
            let what = report.map { "the previous report, moved aside when the new one went to \($0)," } ?? "a previous report an earlier build moved aside"
            return """
                \(folder): warning: \(what) could not be removed: \(reason)
                  hint: it holds only files sgdreport wrote: make it writable and remove it (chmod -R u+w '\(folder)' && rm -rf '\(folder)'); the next build also tries again
                """
        }
    }

    /// The warnings as the terminal shows them: each missing character is named once. The
    /// missing characters of one text are one warning listing them all (`U+0915 U+094D …`); a
    /// text that several charts draw (a run's name in every legend) is one warning naming the
    /// first chart and counting the others; a later text whose missing characters were all named
    /// already (a swept run's name, another legend entry in the same script) is counted in the
    /// warning that named them, not warned of again. Control characters keep a warning of their
    /// own. In the order of `warnings`.
    public static func grouped(_ warnings: [BuildWarning]) -> [String] {
        struct Group {
            var file: String, chart: String, place: String, text: String
            var characters: [Unicode.Scalar] = []
            var charts: [String] = []
            /// Later texts whose missing characters this warning names, and their charts.
            var otherTexts = 0
            var otherCharts: [String] = []
        }
        var groups: [Group] = []
        var shown: [String] = []
        var order: [(isGroup: Bool, index: Int)] = []
        for warning in warnings {
            guard case .missingGlyph(let chart, let file, let place, let text, let character) = warning,
                character.properties.generalCategory != .control
            else {
                shown.append(warning.description)
                order.append((false, shown.count - 1))
                continue
            }
            if let i = groups.firstIndex(where: { $0.place == place && $0.text == text }) {
                if !groups[i].characters.contains(character) { groups[i].characters.append(character) }
                if !groups[i].charts.contains(chart) { groups[i].charts.append(chart) }
            } else {
                groups.append(Group(file: file, chart: chart, place: place, text: text, characters: [character], charts: [chart]))
                order.append((true, groups.count - 1))
            }
        }
        // Each character once: a text's characters already named go to the warning that named them.
        var named: [Unicode.Scalar: Int] = [:]
        var kept: [Bool] = Array(repeating: true, count: groups.count)
        for i in groups.indices {
            let fresh = groups[i].characters.filter { named[$0] == nil }
            if fresh.isEmpty, let first = groups[i].characters.first, let owner = named[first] {
                kept[i] = false
                groups[owner].otherTexts += 1
                for chart in groups[i].charts where !groups[owner].otherCharts.contains(chart) { groups[owner].otherCharts.append(chart) }
                continue
            }
            groups[i].characters = fresh
            for character in fresh { named[character] = i }
        }
        return order.compactMap { entry -> String? in
            guard entry.isGroup else { return shown[entry.index] }
            guard kept[entry.index] else { return nil }
            let group = groups[entry.index]
            let codes = group.characters.map(code).joined(separator: " ")
            let others = group.charts.count - 1
            var also = others == 0 ? "" : others == 1 ? " (and in chart \"\(group.charts[1])\")" : " (and in \(others) other charts)"
            if group.otherTexts > 0 {
                let charts = group.charts + group.otherCharts.filter { !group.charts.contains($0) }
                also = " (and in \(group.otherTexts) other text\(group.otherTexts == 1 ? "" : "s")"
                    + (charts.count == 1 ? ")" : ", in \(charts.count) charts in all)")
            }
            let one = group.characters.count == 1
            return """
                \(group.file): warning: chart "\(group.chart)": no installed font has \(codes) (in \(group.place) "\(escapingControls(group.text))")\(also); \(one ? "it is drawn as a box" : "they are drawn as boxes")
                  hint: \(fontHint(for: group.characters))
                """
        }
    }

    /// Scripts whose characters the fonts `make` installs do not have, with the Debian package of
    /// a font that has them (Noto's, in fonts-noto-core unless said). Ranges from Unicode's Blocks.txt.
    static let scripts: [(range: ClosedRange<UInt32>, name: String, package: String)] = [
        (0x0530...0x058F, "Armenian", "fonts-noto-core"), (0x0700...0x074F, "Syriac", "fonts-noto-core"),
        (0x0780...0x07BF, "Thaana", "fonts-noto-core"), (0x0900...0x097F, "Devanagari", "fonts-noto-core"),
        (0x0980...0x09FF, "Bengali", "fonts-noto-core"), (0x0A00...0x0A7F, "Gurmukhi", "fonts-noto-core"),
        (0x0A80...0x0AFF, "Gujarati", "fonts-noto-core"), (0x0B00...0x0B7F, "Oriya", "fonts-noto-core"),
        (0x0B80...0x0BFF, "Tamil", "fonts-noto-core"), (0x0C00...0x0C7F, "Telugu", "fonts-noto-core"),
        (0x0C80...0x0CFF, "Kannada", "fonts-noto-core"), (0x0D00...0x0D7F, "Malayalam", "fonts-noto-core"),
        (0x0D80...0x0DFF, "Sinhala", "fonts-noto-core"), (0x0E00...0x0E7F, "Thai", "fonts-noto-core"),
        (0x0E80...0x0EFF, "Lao", "fonts-noto-core"), (0x0F00...0x0FFF, "Tibetan", "fonts-noto-core"),
        (0x1000...0x109F, "Myanmar", "fonts-noto-core"), (0x10A0...0x10FF, "Georgian", "fonts-noto-core"),
        (0x1200...0x139F, "Ethiopic", "fonts-noto-core"), (0x13A0...0x13FF, "Cherokee", "fonts-noto-core"),
        (0x1780...0x17FF, "Khmer", "fonts-noto-core"), (0x1800...0x18AF, "Mongolian", "fonts-noto-core"),
        (0x2D30...0x2D7F, "Tifinagh", "fonts-noto-core"), (0xA980...0xA9DF, "Javanese", "fonts-noto-core"),
    ]

    /// The fix for characters no installed font has: a font for their script, named with the
    /// Debian package that has one when known; none exists for private-use characters.
    static func fontHint(for characters: [Unicode.Scalar]) -> String {
        let without = characters.count == 1 ? "write the text without it" : "write the text without them"
        if characters.allSatisfy({ $0.properties.generalCategory == .privateUse }) {
            return "private-use characters have no standard glyph: \(without)"
        }
        var names: [String] = []
        var packages: [String] = []
        for character in characters {
            guard let script = scripts.first(where: { $0.range.contains(character.value) }) else { continue }
            if !names.contains(script.name) { names.append(script.name) }
            if !packages.contains(script.package) { packages.append(script.package) }
        }
        if names.isEmpty {
            return "install a font that has \(characters.count == 1 ? "it" : "them") (Debian's fonts-noto-core covers most scripts: apt-get install fonts-noto-core), or \(without)"
        }
        return "install a font for \(names.joined(separator: " and ")) (on Debian: apt-get install \(packages.joined(separator: " "))), or \(without)"
    }

    /// "U+E000", "U+1F525": at least four hexadecimal digits.
    static func code(_ character: Unicode.Scalar) -> String {
        let hex = String(character.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    static func escapingControls(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                let hex = String(scalar.value, radix: 16)
                shown += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    /// The warning with its file named under `folder` (the study's folder).
    func inFolder(_ folder: String) -> BuildWarning {
        switch self {
        case .missingGlyph(let chart, let file, let place, let text, let character):
            return .missingGlyph(chart: chart, file: folder + "/" + file, place: place, text: text, character: character)
        case .previousReportNotRemoved:
            return self
        }
    }

    /// What a text in a chart is, for a warning: "the title", "the x-axis label", ….
    static func place(of role: SceneRole) -> String {
        switch role {
        case .title: return "the title"
        case .axisLabel(let axis): return "the \(axis)-axis label"
        case .tickLabel(let axis): return "a tick label of the \(axis) axis"
        case .axisOffset(let axis): return "the \(axis) axis's offset"
        case .legendLabel: return "the legend"
        case .note: return "the note"
        case .colorBarTitle: return "the colour bar's title"
        case .colorBarLabel: return "a colour bar label"
        case .divergenceLabel: return "a divergence label"
        case .annotationLabel: return "an annotation"
        case .contourLabel: return "a contour label"
        case .emptyMessage: return "the message of the empty chart"
        default: return "a text"
        }
    }
}
