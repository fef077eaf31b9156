/// The one check that names become distinct, non-empty file names (slugs, see `Slug`): runs,
/// signals, charts and studies all use it, and the words of every message are here.
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
    }

    /// A name, its slug, and where the name was given (its JSON path and location, when known).
    package struct Item: Sendable {
        package var owner: Owner
        package var name: String
        package var slug: String
        package var path: String?
        package var location: SourceLocation?

        package init(_ owner: Owner, name: String, slug: String, path: String? = nil, at location: SourceLocation? = nil) {
            self.owner = owner
            self.name = name
            self.slug = slug
            self.path = path
            self.location = location
        }
    }

    package enum Collision: Sendable {
        /// The name has no letters or digits to make a slug from.
        case noSlug(Item)
        /// The item's slug is an earlier item's.
        case sameSlug(Item, earlier: Item)

        /// The item whose name has to change.
        package var item: Item {
            switch self {
            case .noSlug(let item), .sameSlug(let item, _): return item
            }
        }

        /// What is wrong, naming both names and the file they would make.
        package var message: String {
            switch self {
            case .noSlug(let item):
                switch item.owner {
                case .run, .signal: return "the \(item.owner.word) name \"\(item.name)\" has no letters or digits to make a file name from"
                case .chart: return "the chart \"\(item.name)\" has no letters or digits to make a file name from"
                case .study: return "the file name gives no letters or digits for the output folder's name"
                }
            case .sameSlug(let item, let earlier):
                let slug = item.slug
                switch (item.owner, earlier.owner) {
                case (.run, .run):
                    return "the run names \"\(earlier.name)\" and \"\(item.name)\" make the same file name \"\(slug)\""
                case (.signal, .signal):
                    return "the signal names \"\(earlier.name)\" and \"\(item.name)\" make the same file name \"\(slug).csv\""
                case (.signal, .run):
                    return "the signal \"\(item.name)\" and the run \"\(earlier.name)\" would write files named alike in data/: \(slug).csv and \(slug).steps.csv"
                case (.chart, .chart):
                    return "the charts \"\(earlier.name)\" and \"\(item.name)\" make the same file name \"\(slug).png\""
                case (.study, .study):
                    return "\(earlier.name) and \(item.name) would both be built into the folder \"\(slug)\""
                default:
                    return "the \(item.owner.word) \"\(item.name)\" and the \(earlier.owner.word) \"\(earlier.name)\" make the same file name \"\(slug)\""
                }
            }
        }

        /// The fix: which name to change, and how.
        package var hint: String {
            switch self {
            case .noSlug(let item):
                switch item.owner {
                case .run, .signal: return "use a name with letters or digits"
                case .chart: return "give the chart a \"name\" with letters or digits"
                case .study: return "rename the file, e.g. my-study.json"
                }
            case .sameSlug(let item, let earlier):
                switch (item.owner, earlier.owner) {
                case (.run, .run): return "rename one of them so they differ in letters or digits"
                case (.signal, .signal): return "rename one of them"
                case (.signal, .run): return "rename the signal or the run"
                case (.chart, .chart): return "give one of them a different \"name\" or \"title\""
                case (.study, .study): return "rename one of the files"
                default: return "rename one of them so they differ in letters or digits"
                }
            }
        }
    }

    private var claimed: [String: Item] = [:]

    package init() {}

    /// The collision `item` would make with the items claimed so far, or nil when its slug is free.
    package func collision(of item: Item) -> Collision? {
        if item.slug.isEmpty { return .noSlug(item) }
        if let earlier = claimed[item.slug] { return .sameSlug(item, earlier: earlier) }
        return nil
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
        }
    }
}

extension NodeReader {
    /// Reports a slug collision at the item's place.
    mutating func report(_ collision: SlugCollisions.Collision) {
        report(collision.message, path: collision.item.path, at: collision.item.location, hint: collision.hint)
    }
}
