import SGDEngine

/// What the checks that span runs need of a run: its name, file name and `init.from`. A run
/// that failed to resolve for another reason (no optimizer, a bad setting) still has one, so
/// that a duplicate name, a file-name collision or an unknown `init.from` is reported in the
/// same pass as its other errors; a part that has errors of its own is left out, so that one
/// mistake gives one message.
struct RunIdentity {
    var name: String
    /// The file name (see `Slug`): the run's `file`, else made from its name.
    var slug: String
    /// The `file` written on the run, when its file name was chosen rather than made.
    var file: String?
    /// For a run a sweep made (see `Run.sweepFileParts`).
    var sweep: (baseName: String, baseSlug: String, settings: String)?
    var startsFrom: String?
    /// The `init` field that names `startsFrom`, where its messages point.
    var initField: Field<InitSpec>?
    /// The resolved run; nil for a run that failed to resolve.
    var run: Run?

    init(_ run: Run, initField: Field<InitSpec>?) {
        name = run.name
        slug = run.slug
        file = run.file
        sweep = run.sweepFileParts
        startsFrom = run.startsFrom
        self.initField = initField
        self.run = run
    }

    /// The identity of a run that failed to resolve, or nil when its name is unknown or has an
    /// error itself, or when it has a sweep (whose runs' names are not known).
    init?(failed spec: RunSpec, resolver: StudyResolver) {
        guard let name = spec.name, !resolver.hasErrors(under: name.path), spec.sweep == nil,
            !resolver.hasErrors(under: JSONPath.appending(key: "sweep", to: spec.path))
        else { return nil }
        if let file = spec.file {
            guard !resolver.hasErrors(under: file.path) else { return nil }
            self.file = file.value
        }
        self.name = name.value
        slug = spec.file?.value ?? Slug.fileName(for: name.value, fallback: "run")
        if let field = spec.initialization, !resolver.hasErrors(under: field.path),
            !resolver.hasErrors(under: JSONPath.appending(key: "init", to: spec.path)), case .from(let source) = field.value {
            startsFrom = source
            initField = field
        }
        run = nil
    }
}
