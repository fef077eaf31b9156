/// The one check that names become distinct, non-empty file names (slugs, see `Slug`): runs,
/// signals, charts and studies all use it, and the words of every message are here. Two things
/// never share a file: a collision is an error whose hint gives a free file name, never a
/// number added silently (which would hand a file to another run when the runs are reordered).
///
/// Items are offered in order; the first to claim a slug keeps it, and a later item with the
/// same slug collides with it. An item that collides is not claimed, so it blocks no one else.
package struct SlugCollisions: Sendable {
    /// What a slug names; it decides the words of the message.
    package enum Owner: Sendable {
        /// `data/<slug>.steps.csv` and `data/<slug>.epochs.csv`.
        case run
        /// `data/<slug>.csv`.
        case signal
        /// `charts/<slug>.png` (and `.svg`).
        case chart
        /// The output folder `<slug>/`; the item's name is the study's file.
        case study
        /// `data/<slug>.csv`, the report's copy of the CSV data the runs read; the item's name is its path as written.
        case inputCopy
    }

    /// A name, its slug, and where the name was given (its JSON path and location, when known).
    package struct Item: Sendable {
        package var owner: Owner
        package var name: String
        package var slug: String
        package var path: String?
        package var location: SourceLocation?
        /// For a run a sweep made: the run as written, its slug, and the settings' part of the slug
        /// (`lr-0-001`), so that the hint can say what `"file"` to give the run as written.
        package var sweep: (baseName: String, baseSlug: String, settings: String)?
        /// The `"file"` written for the item, when its file name was chosen rather than made from its name.
        package var chosenFile: String?

        package init(
            _ owner: Owner, name: String, slug: String, path: String? = nil, at location: SourceLocation? = nil,
            sweep: (baseName: String, baseSlug: String, settings: String)? = nil, chosenFile: String? = nil
        ) {
            self.chosenFile = chosenFile
            self.owner = owner
            self.name = name
            self.slug = slug
            self.path = path
            self.location = location
            self.sweep = sweep
        }

        /// The file the slug names, in the study folder: `data/relu.steps.csv`, `charts/loss.png`, `relu/`.
        var file: String {
            switch owner {
            case .run: return "data/\(slug).steps.csv"
            case .signal, .inputCopy: return "data/\(slug).csv"
            case .chart: return "charts/\(slug).png"
            case .study: return "\(slug)/"
            }
        }
    }

    package enum Collision: Sendable {
        /// The name shows nothing (see `Slug.hasVisibleCharacter`): no file name can be made from it.
        case noSlug(Item)
        /// The item's slug is an earlier item's; `free` is a file name no item has claimed so far.
        case sameSlug(Item, earlier: Item, free: String)

        /// The item whose name has to change.
        package var item: Item {
            switch self {
            case .noSlug(let item), .sameSlug(let item, _, _): return item
            }
        }

        /// What is wrong, naming both names and the file they would share.
        package var message: String {
            switch self {
            case .noSlug(let item):
                let shown = item.name.isEmpty ? "it is empty" : "it is " + Slug.codePoints(item.name)
                switch item.owner {
                case .run, .signal: return "the \(item.owner.word) name has no visible character to make a file name from (\(shown))"
                case .chart: return "the chart's name has no visible character to make a file name from (\(shown))"
                case .study, .inputCopy: return "the file name gives nothing to name the output folder"
                }
            case .sameSlug(let item, let earlier, _):
                switch (item.owner, earlier.owner) {
                case (.run, .run): return "the runs \"\(earlier.name)\" and \"\(item.name)\" would both write \(item.file)"
                case (.signal, .signal): return "the signals \"\(earlier.name)\" and \"\(item.name)\" would both write \(item.file)"
                case (.signal, .inputCopy):
                    return "the signal \"\(item.name)\" would write \(item.file), where the report keeps its copy of the CSV data \(earlier.name)"
                case (.signal, .run):
                    return "the signal \"\(item.name)\" and the run \"\(earlier.name)\" would write files named alike in data/: \(item.slug).csv and \(item.slug).steps.csv"
                case (.chart, .chart): return "the charts \"\(earlier.name)\" and \"\(item.name)\" would both be drawn to \(item.file)"
                case (.study, .study): return "\(earlier.name) and \(item.name) would both be built into the folder \"\(item.slug)\""
                default: return "the \(item.owner.word) \"\(item.name)\" and the \(earlier.owner.word) \"\(earlier.name)\" would both write \(item.file)"
                }
            }
        }

        /// The fix: which name to change, and how. File names keep only a name's ASCII letters and
        /// digits, so names that differ in other letters still collide: the fix is a `"file"`
        /// (a chart's `"name"`) of its own, and the example given is free.
        package var hint: String {
            switch self {
            case .noSlug(let item):
                switch item.owner {
                case .run, .signal: return "write a name with at least one letter, digit or symbol, in any script"
                case .chart: return "give the chart a \"title\" or a \"name\" that shows, in any script"
                case .study, .inputCopy: return "rename the file, e.g. my-study.json"
                }
            case .sameSlug(let item, let earlier, let free):
                if earlier.owner == .inputCopy {
                    return "give the signal \"\(item.name)\" a \"file\" of its own, e.g. \"file\": \"\(free)\""
                }
                if item.sweep == nil, let chosen = item.chosenFile {
                    return "\"file\": \"\(chosen)\" was chosen for the \(item.owner.word) \"\(item.name)\", and the \(earlier.owner.word) \"\(earlier.name)\" already writes that file: choose another, e.g. \"file\": \"\(free)\""
                }
                if item.sweep == nil, let chosen = earlier.chosenFile, item.owner == .run || item.owner == .signal {
                    return "the \(earlier.owner.word) \"\(earlier.name)\" chose \"file\": \"\(chosen)\": give the \(item.owner.word) \"\(item.name)\" a \"file\" of its own, e.g. \"file\": \"\(free)\", or choose another for \"\(earlier.name)\""
                }
                let why = "file names keep only the ASCII letters and digits of a name"
                switch item.owner {
                case .run:
                    if let sweep = item.sweep {
                        return "\(why): give the run \"\(sweep.baseName)\" a \"file\" of its own, e.g. \"file\": \"\(free)\" (its sweep adds \"-\(sweep.settings)\")"
                    }
                    return "\(why): give the run \"\(item.name)\" a \"file\" of its own, e.g. \"file\": \"\(free)\""
                case .signal:
                    return "\(why): give the signal \"\(item.name)\" a \"file\" of its own, e.g. \"file\": \"\(free)\""
                case .chart:
                    return "\(why): give the chart a \"name\" of its own, e.g. \"name\": \"\(free)\""
                case .study, .inputCopy:
                    return earlier.name == item.name ? "name each study file once" : "rename one of the files"
                }
            }
        }
    }

    private var claimed: [String: Item] = [:]

    package init() {}

    /// The collision `item` would make with the items claimed so far, or nil when its slug is free.
    package func collision(of item: Item) -> Collision? {
        if item.slug.isEmpty { return .noSlug(item) }
        if let earlier = claimed[item.slug] {
            // `input-2` would look like the next copy of CSV data: suggest `input-signal`.
            return .sameSlug(item, earlier: earlier, free: free(for: item, trying: earlier.owner == .inputCopy ? Slug.make(item.slug + " signal") : nil))
        }
        return nil
    }

    /// A file name for the colliding `item` that no claimed item has: `<slug>-2`, `-3`, …; for a
    /// run a sweep made, the `"file"` of the run as written whose runs' names are free. `first`
    /// is tried first.
    func free(for item: Item, trying first: String? = nil) -> String {
        if let first, !first.isEmpty, claimed[first] == nil { return first }
        var number = 1
        while true {
            number += 1
            if let sweep = item.sweep {
                let base = Slug.make("\(sweep.baseSlug) \(number)")
                if claimed[Slug.make("\(base) \(sweep.settings)")] == nil { return base }
            } else {
                let candidate = Slug.make("\(item.slug) \(number)")
                if claimed[candidate] == nil { return candidate }
            }
        }
    }

    /// Claims `item`'s slug unless an earlier item has it.
    package mutating func claim(_ item: Item) {
        guard !item.slug.isEmpty, claimed[item.slug] == nil else { return }
        claimed[item.slug] = item
    }

    /// Checks and claims `items` in order: the collisions, in order; every other item is claimed.
    package mutating func check(_ items: [Item]) -> [Collision] {
        var collisions: [Collision] = []
        for item in items {
            if let collision = collision(of: item) {
                collisions.append(collision)
            } else {
                claim(item)
            }
        }
        return collisions
    }
}

extension SlugCollisions.Owner {
    var word: String {
        switch self {
        case .run: return "run"
        case .signal: return "signal"
        case .chart: return "chart"
        case .study: return "study"
        case .inputCopy: return "copy of the CSV data"
        }
    }
}

extension NodeReader {
    /// Reports a slug collision at the item's place.
    mutating func report(_ collision: SlugCollisions.Collision) {
        report(collision.message, path: collision.item.path, at: collision.item.location, hint: collision.hint)
    }
}
