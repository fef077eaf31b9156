import SGDStudy

/// Checks a template against the page model before anything is rendered, so that a typo in a
/// template (`{{titel}}`) is an error naming the file and line instead of a silently empty
/// spot on the page.
///
/// Mustache resolves a name by looking through the stack of sections it is in; the check
/// walks the template the same way over a sample page model in which every optional value is
/// present and every list has entries (`PageSamples`), as the same `PageObject`s Mustache is
/// given when a page is rendered. Each file's tags are scanned once (`scanned`).
enum TemplateCheck {
    struct Tag: Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            case variable, unescaped, section, inverted, close, partial, comment
        }

        var kind: Kind
        var name: String
        var line: Int
        /// Where the tag is in the file's UTF-8 bytes, from `{{` to past `}}`.
        var bytes: Range<Int> = 0..<0
    }

    /// A problem in a template file.
    struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        var file: String
        var line: Int
        var message: String
        /// What to write instead, shown on a `hint:` line.
        var hint: String? = nil

        var description: String { "\(file):\(line): \(message)" + (hint.map { "\n  hint: \($0)" } ?? "") }
    }

    /// The tags of a template in order. Refuses what the check cannot follow: changed
    /// delimiters, pragmas (which could turn escaping off), inheritance and transforms.
    static func tags(in text: String, file: String) throws(Problem) -> [Tag] {
        var tags: [Tag] = []
        // Bytes, not Characters: every delimiter and sigil is ASCII, and UTF-8 never uses an
        // ASCII byte inside another character.
        let bytes = Array(text.utf8)
        var i = 0
        var line = 1
        while let open = find("{{", in: bytes, from: i) {
            line += count(ofNewlinesIn: bytes, i..<open)
            i = open
            let tagLine = line
            let sigil: Character? = open + 2 < bytes.count ? Character(Unicode.Scalar(bytes[open + 2])) : nil
            let closing: StaticString = sigil == "{" ? "}}}" : "}}"
            guard let close = find(closing, in: bytes, from: open + 2) else {
                throw Problem(file: file, line: tagLine, message: "a tag opened with {{ is never closed", hint: "close it with }} on the same tag, e.g. {{title}}")
            }
            var body = String(decoding: bytes[(open + 2)..<close], as: UTF8.self)
            var kind = Tag.Kind.variable
            switch sigil {
            case "{": kind = .unescaped; body.removeFirst()
            case "&": kind = .unescaped; body.removeFirst()
            case "#": kind = .section; body.removeFirst()
            case "^": kind = .inverted; body.removeFirst()
            case "/": kind = .close; body.removeFirst()
            case ">": kind = .partial; body.removeFirst()
            case "!": kind = .comment
            case "=":
                throw Problem(file: file, line: tagLine, message: "changing the delimiters ({{=…=}}) is not supported; keep {{ and }}", hint: "remove the {{=…=}} tag and write every tag with {{ and }}")
            case "%":
                throw Problem(file: file, line: tagLine, message: "pragmas ({{%…}}) are not supported: pages are HTML and every {{value}} is escaped", hint: "remove the {{%…}} tag")
            case "<", "$":
                throw Problem(file: file, line: tagLine, message: "template inheritance ({{<…}}, {{$…}}) is not supported; use partials ({{> name}})", hint: "put the shared part in a file of its own in the templates folder and include it with {{> name}}")
            default: break
            }
            let name = withoutWhitespace(body)
            if kind != .comment && kind != .partial && name.utf8.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") }) {
                throw Problem(file: file, line: tagLine, message: "transforms such as {{\(name)}} are not supported; the page model gives every text ready to show", hint: "write the value's name alone, e.g. {{title}}")
            }
            if kind != .comment && name.isEmpty {
                throw Problem(file: file, line: tagLine, message: "a tag without a name", hint: "write a name of the page model between the braces, e.g. {{title}}, or remove the empty {{}}")
            }
            tags.append(Tag(kind: kind, name: name, line: tagLine, bytes: open..<(close + closing.utf8CodeUnitCount)))
            line += count(ofNewlinesIn: bytes, i..<(close + closing.utf8CodeUnitCount))
            i = close + closing.utf8CodeUnitCount
        }
        return tags
    }

    /// Where `pattern` first occurs in `bytes` from `start` on.
    private static func find(_ pattern: StaticString, in bytes: [UInt8], from start: Int) -> Int? {
        let count = pattern.utf8CodeUnitCount
        return bytes.withUnsafeBufferPointer { bytes -> Int? in
            let first = pattern.utf8Start[0]
            var j = start
            while j + count <= bytes.count {
                if bytes[j] == first {
                    var k = 1
                    while k < count && bytes[j + k] == pattern.utf8Start[k] { k += 1 }
                    if k == count { return j }
                }
                j += 1
            }
            return nil
        }
    }

    private static func count(ofNewlinesIn bytes: [UInt8], _ range: Range<Int>) -> Int {
        bytes.withUnsafeBufferPointer { bytes in
            var newlines = 0
            var index = range.lowerBound
            while index < range.upperBound {
                if bytes[index] == UInt8(ascii: "\n") { newlines += 1 }
                index += 1
            }
            return newlines
        }
    }

    /// `text` without the characters that are whitespace (`Character.isWhitespace`); ASCII
    /// text byte by byte.
    private static func withoutWhitespace(_ text: String) -> String {
        var utf8 = Array(text.utf8)
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return text.filter { !$0.isWhitespace } }
        // The ASCII whitespace: tab, line feed, vertical tab, form feed, carriage return, space.
        utf8.removeAll { (0x09...0x0D).contains($0) || $0 == 0x20 }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Sections open and close in order: names the section that is left open or closed wrongly
    /// (Mustache's own parser only says where it noticed).
    static func checkSections(in text: String, file: String) throws(Problem) {
        try checkSections(try tags(in: text, file: file), file: file)
    }

    /// `checkSections(in:file:)` over tags already scanned.
    static func checkSections(_ tags: [Tag], file: String) throws(Problem) {
        var open: [Tag] = []
        for tag in tags {
            switch tag.kind {
            case .section, .inverted:
                open.append(tag)
            case .close:
                guard let last = open.popLast() else {
                    throw Problem(file: file, line: tag.line, message: "{{/\(tag.name)}} closes a section that is not open", hint: "remove {{/\(tag.name)}}, or open the section before it with {{#\(tag.name)}}")
                }
                guard last.name == tag.name else {
                    throw Problem(file: file, line: tag.line, message: "{{/\(tag.name)}} closes a section that is not open: the section open here is {{#\(last.name)}} (line \(last.line))", hint: "close {{#\(last.name)}} first with {{/\(last.name)}}: sections close in the reverse order they open")
                }
            default:
                break
            }
        }
        if let last = open.last {
            throw Problem(file: file, line: last.line, message: "the section {{#\(last.name)}} is never closed: add {{/\(last.name)}}", hint: "add {{/\(last.name)}} where the section's part of the page ends")
        }
    }

    /// Checks every tag of `template` against `model` (and the partials it includes).
    /// The model is looked at as Mustache sees it when the page is rendered: `PageObject.make`.
    static func check(
        template name: String, in templates: [String: (text: String, file: String)], model: Any
    ) throws(Problem) {
        try check(template: name, in: templates, scanned: [:], model: model)
    }

    /// `check(template:in:model:)` with the tags of some templates already scanned (by name):
    /// each file is scanned once however often it is included.
    static func check(
        template name: String, in templates: [String: (text: String, file: String)], scanned: [String: [Tag]], model: Any
    ) throws(Problem) {
        var scanned = scanned
        try check(template: name, templates: templates, scanned: &scanned, stack: [PageObject.make(model)], depth: 0)
    }

    private static func check(
        template name: String, templates: [String: (text: String, file: String)], scanned: inout [String: [Tag]],
        stack: [Any], depth: Int
    ) throws(Problem) {
        guard let template = templates[name] else { return }
        let tags: [Tag]
        if let known = scanned[name] {
            tags = known
        } else {
            tags = try Self.tags(in: template.text, file: template.file)
            scanned[name] = tags
        }
        var index = 0
        try checkSection(tags, index: &index, closing: nil, stack: stack, file: template.file, templates: templates, scanned: &scanned, depth: depth)
    }

    private static func checkSection(
        _ tags: [Tag], index: inout Int, closing: String?, stack: [Any], file: String,
        templates: [String: (text: String, file: String)], scanned: inout [String: [Tag]], depth: Int
    ) throws(Problem) {
        while index < tags.count {
            let tag = tags[index]
            index += 1
            switch tag.kind {
            case .comment:
                continue
            case .close:
                guard tag.name == closing else {
                    throw Problem(file: file, line: tag.line, message: "{{/\(tag.name)}} closes a section that is not open" + (closing.map { "; expected {{/\($0)}}" } ?? ""),
                                  hint: closing.map { "write {{/\($0)}} here, or open {{#\(tag.name)}} inside it" } ?? "remove {{/\(tag.name)}}, or open the section before it with {{#\(tag.name)}}")
                }
                return
            case .partial:
                guard templates[tag.name] != nil else {
                    throw Problem(file: file, line: tag.line, message: "the partial {{> \(tag.name)}} does not exist; partials are the other .mustache and .css files of the templates folder (\(templates.keys.sorted().joined(separator: ", ")))",
                                  hint: Suggestions.closest(to: tag.name, in: templates.keys.sorted()).map { "did you mean {{> \($0)}}?" } ?? "add \(tag.name).mustache to the templates folder, or remove the tag")
                }
                guard depth < 8 else {
                    throw Problem(file: file, line: tag.line, message: "partials include each other too deeply (a cycle?)", hint: "remove the {{> \(tag.name)}} that includes a partial from inside itself")
                }
                try check(template: tag.name, templates: templates, scanned: &scanned, stack: stack, depth: depth + 1)
            case .variable, .unescaped, .section, .inverted:
                guard let value = resolve(tag.name, in: stack) else {
                    throw Problem(file: file, line: tag.line, message: "{{\(prefix(tag.kind))\(tag.name)}} is not in the page model; here it offers: \(available(in: stack))",
                                  hint: Suggestions.closest(to: tag.name, in: availableNames(in: stack)).map { "did you mean {{\(prefix(tag.kind))\($0)}}?" }
                                      ?? "write one of the names it offers here, or move the tag into the section that has \(tag.name)")
                }
                if tag.kind == .unescaped && !(tag.name.hasSuffix("HTML")) {
                    throw Problem(file: file, line: tag.line, message: "{{{\(tag.name)}}} would insert \(tag.name) without escaping; only values whose names end in HTML (rendered Markdown) may use triple braces — write {{\(tag.name)}}", hint: "write {{\(tag.name)}}: the page escapes it")
                }
                if tag.kind == .section {
                    let start = index
                    let contexts = sectionContexts(value)
                    if contexts.isEmpty {
                        // Nothing to look inside (an empty sample value): only find the end.
                        try skipSection(tags, index: &index, closing: tag.name, file: file)
                    } else {
                        for context in contexts {
                            index = start
                            try checkSection(tags, index: &index, closing: tag.name, stack: context.map { stack + [$0] } ?? stack, file: file, templates: templates, scanned: &scanned, depth: depth)
                        }
                    }
                } else if tag.kind == .inverted {
                    try checkSection(tags, index: &index, closing: tag.name, stack: stack, file: file, templates: templates, scanned: &scanned, depth: depth)
                }
            }
        }
        if let closing {
            throw Problem(file: file, line: tags.last?.line ?? 1, message: "the section {{#\(closing)}} is never closed", hint: "add {{/\(closing)}} where the section's part of the page ends")
        }
    }

    private static func skipSection(_ tags: [Tag], index: inout Int, closing: String, file: String) throws(Problem) {
        var open = [closing]
        while index < tags.count {
            let tag = tags[index]
            index += 1
            if tag.kind == .section || tag.kind == .inverted { open.append(tag.name) }
            if tag.kind == .close {
                guard tag.name == open.last else {
                    throw Problem(file: file, line: tag.line, message: "{{/\(tag.name)}} closes a section that is not open; expected {{/\(open.last!)}}", hint: "write {{/\(open.last!)}} here: sections close in the reverse order they open")
                }
                open.removeLast()
                if open.isEmpty { return }
            }
        }
        throw Problem(file: file, line: tags.last?.line ?? 1, message: "the section {{#\(closing)}} is never closed", hint: "add {{/\(closing)}} where the section's part of the page ends")
    }

    private static func prefix(_ kind: Tag.Kind) -> String {
        switch kind {
        case .section: return "#"
        case .inverted: return "^"
        case .unescaped: return "{"
        default: return ""
        }
    }

    /// What a section pushes for its body, per iteration: nil for a Bool (the stack stays).
    private static func sectionContexts(_ value: Any) -> [Any?] {
        // The page model's types first, by their metadata (no conformance searches).
        let type = type(of: value)
        if type == PageObject.self || type == String.self { return [value] }
        if type == [PageObject].self { return (value as! [PageObject]).map { $0 } }
        if type == Bool.self { return [nil] }
        if type == EmptyOptional.self { return [] }
        if value is Bool { return [nil] }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional && mirror.children.isEmpty { return [] }
        if let array = value as? [Any] { return array.map { $0 } }
        return [value]
    }

    /// Mustache's lookup: the first object up the stack that has the first name, then down
    /// through the rest of a dotted name. Nil when the name does not resolve.
    static func resolve(_ name: String, in stack: [Any]) -> Any? {
        if name == "." { return stack.last }
        let parts = name.utf8.contains(UInt8(ascii: ".")) ? name.split(separator: ".").map(String.init) : [name]
        guard let first = parts.first else { return nil }
        for object in stack.reversed() {
            guard var value = child(first, of: object) else { continue }
            for part in parts.dropFirst() {
                guard let next = child(part, of: value) else { return nil }
                value = next
            }
            return value
        }
        return nil
    }

    private static func child(_ name: String, of object: Any) -> Any? {
        let type = type(of: object)
        if type == PageObject.self {
            let object = object as! PageObject
            if let value = object.values[name] { return value }
            // A nil optional still names a real key.
            return object.names.contains(name) ? EmptyOptional() : nil
        }
        // A text or a flag has no properties (their mirrors have no children).
        if type == String.self || type == Bool.self { return nil }
        if let dictionary = object as? [String: Any] { return dictionary[name] }
        let mirror = Mirror(reflecting: object)
        guard let value = mirror.children.first(where: { $0.label == name })?.value else { return nil }
        let inner = Mirror(reflecting: value)
        if inner.displayStyle == .optional {
            // A sample leaves no optional empty; an empty one still names a real key.
            return inner.children.first?.value ?? Optional<Any>.none as Any
        }
        return value
    }

    private static func available(in stack: [Any]) -> String {
        availableNames(in: stack).joined(separator: ", ")
    }

    private static func availableNames(in stack: [Any]) -> [String] {
        var names: [String] = []
        for object in stack.reversed() {
            if type(of: object) == PageObject.self {
                for label in (object as! PageObject).names where !names.contains(label) { names.append(label) }
                continue
            }
            for child in Mirror(reflecting: object).children {
                if let label = child.label, !names.contains(label) { names.append(label) }
            }
        }
        return names
    }
}

/// What `TemplateCheck` resolves a name of a nil optional to: a real key with nothing inside.
private struct EmptyOptional {}
