extension StudyResolver {
    /// A setting in `defaults.optimizer` that its own `type` does not take would be dropped for
    /// every run (a run merges only the settings its type takes): reported once, where it is
    /// written. Returns whether it found one.
    mutating func checkDefaultOptimizer(_ defaults: RunSpec?) -> Bool {
        guard let defaults, let type = defaults.optimizer.type?.value else { return false }
        return reportSettingsNotTaken(defaults.optimizer.fields, type: type)
    }

    /// Reports each of `fields` that an optimizer of `type` does not take, with the closest
    /// setting it takes or the list of them. Returns whether it found one.
    mutating func reportSettingsNotTaken(_ fields: [String: Field<JSONNode>], type: String) -> Bool {
        let applicable = OptimizerSpec.fieldsByType[type] ?? []
        var found = false
        for (key, field) in fields.sorted(by: { $0.key < $1.key }) where !applicable.contains(key) {
            reader.report(
                "\(type) has no setting \"\(key)\"", field: field,
                hint: Suggestions.closest(to: key, in: applicable).map { "did you mean \"\($0)\"?" }
                    ?? "\(type) takes " + applicable.map { "\"\($0)\"" }.joined(separator: ", "))
            found = true
        }
        return found
    }
}
