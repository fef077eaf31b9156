import Foundation

/// File names from study names (SPEC §2): lower case, `a-z0-9` and `-`, so a run, chart or
/// signal name can never escape the study folder or collide with `index.html`.
package enum Slug {
    package static let maximumLength = 80

    /// "ReLU + momentum" → "relu-momentum"; "Schätzung" → "schatzung"; "../../etc" → "etc".
    /// Empty when nothing usable remains (the caller reports that).
    package static func make(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var slug = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            let lower = scalar.properties.lowercaseMapping
            if lower.unicodeScalars.count == 1, let c = lower.unicodeScalars.first,
                ("a"..."z").contains(c) || ("0"..."9").contains(c)
            {
                if pendingDash && !slug.isEmpty { slug += "-" }
                pendingDash = false
                slug.unicodeScalars.append(c)
            } else {
                pendingDash = true
            }
        }
        if slug.count > maximumLength {
            slug = String(slug.prefix(maximumLength))
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug
    }
}
