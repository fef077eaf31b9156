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
                  hint: install a font that has it (`fc-list ':charset=\(String(character.value, radix: 16))'` lists those that do), or write the text without it
                """
        }
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
