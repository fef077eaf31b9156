import Foundation

/// Reads built pages the way a browser follows them: every `href` and `src` must reach a file
/// inside the output folder by a relative path (so the folder works from file:// and zipped),
/// every `#fragment` an element of the page it names. Only `<a>` may leave the folder, to
/// http(s) or mailto (a link in a study's description); nothing the page loads may.
enum PageLinkChecker {
    struct Reference: Equatable {
        var tag: String
        var attribute: String
        var value: String
    }

    /// Every `href`, `src` and `srcset` in `html`, with its element's name, entities decoded.
    static func references(in html: String) -> [Reference] {
        var references: [Reference] = []
        for (tag, attributes) in tags(in: html) {
            for (name, value) in attributes where ["href", "src", "srcset", "action", "poster", "data"].contains(name) {
                references.append(Reference(tag: tag, attribute: name, value: value))
            }
        }
        return references
    }

    /// The `id`s of a page's elements.
    static func ids(in html: String) -> Set<String> {
        Set(tags(in: html).compactMap { $0.attributes.first { $0.name == "id" }?.value })
    }

    /// One line per broken reference of `page`; empty when every one works.
    static func problems(page: URL, outputFolder: URL) throws -> [String] {
        let html = try String(contentsOf: page, encoding: .utf8)
        let root = outputFolder.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        let ownIDs = ids(in: html)
        var problems: [String] = []
        func report(_ reference: Reference, _ why: String) {
            problems.append("\(page.path): <\(reference.tag) \(reference.attribute)=\"\(reference.value)\">: \(why)")
        }
        for reference in references(in: html) {
            let value = reference.value
            if value.hasPrefix("#") {
                let fragment = String(value.dropFirst())
                if !ownIDs.contains(fragment) { report(reference, "no element has the id \"\(fragment)\"") }
                continue
            }
            let lower = value.lowercased()
            if reference.tag == "a" && (lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:")) {
                continue
            }
            if reference.tag == "link" && value == "data:," { continue }  // the empty favicon
            if reference.attribute == "srcset" || value.isEmpty {
                report(reference, "not allowed on a page")
                continue
            }
            if value.hasPrefix("/") || value.hasPrefix("\\") || hasScheme(value) {
                report(reference, "not a relative link: the page must work from file:// and from a zipped copy")
                continue
            }
            var path = value
            var fragment: String?
            if let hash = path.firstIndex(of: "#") {
                fragment = String(path[path.index(after: hash)...])
                path = String(path[..<hash])
            }
            if let question = path.firstIndex(of: "?") { path = String(path[..<question]) }
            guard let decoded = path.removingPercentEncoding else {
                report(reference, "bad percent-encoding")
                continue
            }
            let target = page.deletingLastPathComponent().appendingPathComponent(decoded).standardizedFileURL.resolvingSymlinksInPath()
            guard target.path.hasPrefix(root) else {
                report(reference, "points outside the output folder (\(target.path))")
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                report(reference, "no such file: \(target.path)")
                continue
            }
            if let fragment, target.pathExtension == "html" {
                let other = try String(contentsOf: target, encoding: .utf8)
                if !ids(in: other).contains(fragment) { report(reference, "\(target.lastPathComponent) has no element with the id \"\(fragment)\"") }
            }
        }
        return problems
    }

    private static func hasScheme(_ value: String) -> Bool {
        guard let colon = value.firstIndex(of: ":") else { return false }
        return !value[..<colon].contains("/")
    }

    /// Start tags with their attributes (double-quoted, as the templates write them).
    private static func tags(in html: String) -> [(tag: String, attributes: [(name: String, value: String)])] {
        let tagPattern = try! NSRegularExpression(pattern: #"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*/?>"#)
        let attributePattern = try! NSRegularExpression(pattern: #"([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?"#)
        let text = html as NSString
        var result: [(String, [(String, String)])] = []
        for match in tagPattern.matches(in: html, range: NSRange(location: 0, length: text.length)) {
            let tag = text.substring(with: match.range(at: 1)).lowercased()
            let attributeText = match.range(at: 2).location == NSNotFound ? "" : text.substring(with: match.range(at: 2))
            let attributes = attributeText as NSString
            var pairs: [(String, String)] = []
            for attribute in attributePattern.matches(in: attributeText, range: NSRange(location: 0, length: attributes.length)) {
                let name = attributes.substring(with: attribute.range(at: 1)).lowercased()
                var value = ""
                for group in 2...4 where attribute.range(at: group).location != NSNotFound {
                    value = attributes.substring(with: attribute.range(at: group))
                }
                pairs.append((name, decodeEntities(value)))
            }
            result.append((tag, pairs))
        }
        return result
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
