import Mustache

/// A page model value (`StudyPage`, `IndexPage` and the structs inside them) as the templates
/// see it: its properties by name, which Mustache reads through `MustacheParent` — one
/// dictionary lookup — instead of reflecting over the struct, which costs a `Mirror` of every
/// property and dynamic casts for each tag (issue 18: rendering the momentum study's page took
/// 42.6 M instructions that way).
///
/// Texts stay `String`, flags `Bool`, lists become `[PageObject]` and nested structs
/// `PageObject`s. An optional property that is nil is left out of `values`, so Mustache looks
/// further up the stack exactly as it does for a nil property of a struct. Printed (`{{.}}` on
/// an object, `{{runs}}`), an object reads as the struct it was made from, so any template renders
/// the same bytes with either model. It is a struct itself: Mustache's casts of a class instance
/// to `Bool` or `String` go through a slow search for a bridging conformance.
struct PageObject: MustacheParent, CustomStringConvertible, CustomDebugStringConvertible {
    /// The property names in declaration order, nil optionals included: what a template may name.
    let names: [String]
    /// The present values by name.
    let values: [String: Any]
    /// The struct this object was made from (for printing).
    let original: Any

    /// An object with `fields` in declaration order; a nil field is named but has no value.
    init(_ original: Any, _ fields: KeyValuePairs<String, Any?>) {
        self.original = original
        names = fields.map(\.key)
        var values: [String: Any] = [:]
        values.reserveCapacity(fields.count)
        for (name, value) in fields {
            if let value { values[name] = value }
        }
        self.values = values
    }

    private init(original: Any, names: [String], values: [String: Any]) {
        self.original = original
        self.names = names
        self.values = values
    }

    /// The same object with `extra` values that no template can name (they are not in `names`,
    /// so `TemplateCheck` refuses them): the texts of template pieces that need no parsing.
    func adding(_ extra: [String: String]) -> PageObject {
        if extra.isEmpty { return self }
        return PageObject(original: original, names: names, values: values.merging(extra) { own, _ in own })
    }

    func child(named name: String) -> Any? { values[name] }

    var description: String { String(describing: original) }
    var debugDescription: String { String(reflecting: original) }

    /// The object for a page model: `StudyPage` and `IndexPage` directly; any other value
    /// through reflection (`init(reflecting:)`), or as it is when it is no struct.
    static func make(_ model: Any) -> Any {
        if let object = model as? PageObject { return object }
        if let page = model as? StudyPage { return page.object }
        if let page = model as? IndexPage { return page.object }
        return reflected(model)
    }

    /// A value converted by reflection the way the hand-written `object`s convert the page's
    /// structs: a plain struct with named properties becomes a `PageObject`, an array an array
    /// of converted elements, an optional its converted value; anything else (texts, flags, and
    /// values Mustache treats specially) stays as it is.
    static func reflected(_ value: Any) -> Any {
        if value is MustacheParent || value is MustacheCustomRepresentation || value is MustacheCustomRenderable {
            return value
        }
        if let array = value as? [Any] { return array.map { reflected($0) } }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct?:
            guard !(value is CustomReflectable), mirror.children.allSatisfy({ $0.label != nil }) else { return value }
            var fields: [(String, Any?)] = []
            for child in mirror.children {
                let inner = Mirror(reflecting: child.value)
                if inner.displayStyle == .optional {
                    fields.append((child.label!, inner.children.first.map { reflected($0.value) }))
                } else {
                    fields.append((child.label!, reflected(child.value)))
                }
            }
            var values: [String: Any] = [:]
            for case (let name, let field?) in fields { values[name] = field }
            return PageObject(original: value, names: fields.map(\.0), values: values)
        default:
            return value
        }
    }
}

extension StudyPage {
    /// The page as the study template sees it (every property of `StudyPage`, in order).
    var object: PageObject {
        PageObject(self, [
            "title": title, "titleHTML": titleHTML, "generator": generator, "summary": summary, "hasDescription": hasDescription,
            "descriptionHTML": descriptionHTML, "runCount": runCount, "hasRuns": hasRuns,
            "sharedSettingsHeading": sharedSettingsHeading, "hasSharedSettings": hasSharedSettings,
            "sharedSettings": sharedSettings.map(\.object), "columns": columns.map(\.object), "columnCount": columnCount,
            "hasDifferences": hasDifferences, "runs": runs.map(\.object), "hasDivergence": hasDivergence,
            "hasCharts": hasCharts, "charts": charts.map(\.object), "hasSignals": hasSignals,
            "signals": signals.map(\.object), "inputFiles": inputFiles.map(\.object), "workbook": workbook.object,
            "studyFile": studyFile.object, "resultsFile": resultsFile.object, "command": command,
            "version": version, "seeds": seeds,
        ])
    }
}

extension StudyPage.Setting {
    var object: PageObject { PageObject(self, ["label": label, "value": value]) }
}

extension StudyPage.Column {
    var object: PageObject { PageObject(self, ["label": label, "help": help]) }
}

extension StudyPage.Cell {
    var object: PageObject { PageObject(self, ["text": text, "isFormula": isFormula]) }
}

extension StudyPage.Number {
    var object: PageObject { PageObject(self, ["text": text, "exact": exact]) }
}

extension StudyPage.Weight {
    var object: PageObject { PageObject(self, ["name": name, "value": value.object]) }
}

extension StudyPage.RunRow {
    var object: PageObject {
        PageObject(self, [
            "name": name, "nameHTML": nameHTML, "anchor": anchor, "settings": settings.map(\.object), "diverged": diverged,
            "divergence": divergence, "divergenceDetail": divergenceDetail, "sqrtSSE": sqrtSSE.object,
            "mse": mse.object, "weights": weights.map(\.object), "moreWeights": moreWeights,
            "steps": steps.object, "epochs": epochs.object,
        ])
    }
}

extension StudyPage.Figure {
    var object: PageObject {
        PageObject(self, [
            "title": title, "titleHTML": titleHTML, "anchor": anchor, "hasImage": hasImage, "image": image?.object, "hasCaption": hasCaption,
            "captionHTML": captionHTML, "hasDownloads": hasDownloads, "downloads": downloads.map(\.object),
        ])
    }
}

extension StudyPage.Image {
    var object: PageObject { PageObject(self, ["src": src, "width": width, "height": height, "alt": alt]) }
}

extension StudyPage.FileLink {
    var object: PageObject { PageObject(self, ["label": label, "href": href, "note": note, "noteHTML": noteHTML]) }
}

extension IndexPage {
    /// The index as its template sees it (every property of `IndexPage`, in order).
    var object: PageObject {
        PageObject(self, [
            "title": title, "generator": generator, "summary": summary, "hasStudies": hasStudies,
            "studies": studies.map(\.object),
        ])
    }
}

extension IndexPage.Entry {
    var object: PageObject {
        PageObject(self, [
            "title": title, "titleHTML": titleHTML, "summary": summary, "summaryHTML": summaryHTML, "hasSummary": hasSummary, "folder": folder, "href": href,
            "hasThumbnail": hasThumbnail, "thumbnail": thumbnail?.object,
        ])
    }
}

extension IndexPage.Thumbnail {
    var object: PageObject { PageObject(self, ["src": src, "alt": alt]) }
}
