// The names of runs and signals, and the `file` that chooses their file name (SPEC §4.1).

extension StudyDecoder {
    /// A run's or signal's `name`: any string with a character that shows, in any script
    /// (`Slug.hasVisibleCharacter`). An empty name, or one of spaces or zero-width characters
    /// only, is reported at the name and read as none.
    mutating func decodeName(_ node: JSONNode, path: String, of owner: String) -> Field<String>? {
        guard let name = reader.string(node, path: path, what: "the \(owner)'s name") else { return nil }
        guard Slug.hasVisibleCharacter(name.value) else {
            let problem = name.value.trimmingWhitespace.isEmpty ? "is empty" : "has no visible character (it is \(Slug.codePoints(name.value)))"
            reader.report(
                "the \(owner)'s name \(problem)", field: name,
                hint: "write a name with at least one letter, digit or symbol, in any script")
            return nil
        }
        return name
    }

    /// `"file"`: the file name a run or signal writes instead of one made from its name. It must be
    /// a file name as sgdreport makes them (`Slug.isFileName`): `a-z`, `0-9` and single hyphens,
    /// at most 80 characters. Anything else is reported once, with the nearest such name.
    mutating func decodeFile(_ node: JSONNode, path: String, of owner: String) -> Field<String>? {
        guard let file = reader.string(node, path: path, what: "\"file\"") else { return nil }
        guard !Slug.isFileName(file.value) else { return file }
        let allowed = file.value.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        let problem =
            allowed && file.value.count > Slug.maximumLength
            ? "\"file\" has \(file.value.count) characters; a file name has at most \(Slug.maximumLength)"
            : "\"file\" must be lower-case letters a-z, digits and single hyphens between them, got \"\(file.value)\""
        let hint: String
        if let ext = [".steps.csv", ".epochs.csv", ".csv"].first(where: { file.value.lowercased().hasSuffix($0) }),
            case let stem = Slug.make(String(file.value.dropLast(ext.count))), !stem.isEmpty
        {
            hint = "write it without the extension, which sgdreport adds: \"file\": \"\(stem)\""
        } else if case let suggestion = Slug.make(file.value), !suggestion.isEmpty {
            hint = "did you mean \"file\": \"\(suggestion)\"?"
        } else {
            hint = "write the file name with a-z, 0-9 and -, e.g. \"file\": \"\(owner)-1\"; the \(owner)'s name may stay in any script"
        }
        reader.report(problem, field: file, hint: hint)
        return nil
    }
}
