/// Page models with every optional value present and every list filled: what `TemplateCheck`
/// checks templates against, so that every tag a template may use is known.
enum PageSamples {
    static let study: StudyPage = {
        let link = StudyPage.FileLink(label: "basic.steps.csv", href: "data/basic.steps.csv", note: "one row per update", noteHTML: "one row per update")
        let number = StudyPage.Number(text: "150.8", exact: "150.75521153771854")
        let row = StudyPage.RunRow(
            name: "basic", nameHTML: "basic", anchor: "run-basic",
            settings: [.init(text: "y = a·x + b", isFormula: true)],
            diverged: true, divergence: "diverged at step 3 (epoch 1)",
            divergenceDetail: "The loss stopped being finite; training stopped there.",
            sqrtSSE: number, mse: number,
            weights: [.init(name: "a", value: number)],
            moreWeights: "and 1 more in the epochs CSV",
            steps: link, epochs: link)
        let figure = StudyPage.Figure(
            title: "Error per epoch", titleHTML: "Error per epoch", anchor: "chart-error", hasImage: true,
            image: .init(src: "charts/error.png", width: "640", height: "400", alt: "Chart: error per epoch"),
            hasCaption: true, captionHTML: "<p>caption</p>", hasDownloads: true, downloads: [link])
        return StudyPage(
            title: "A study", titleHTML: "A study", generator: "sgdreport 0", summary: "1 run", hasDescription: true,
            descriptionHTML: "<p>description</p>", runCount: "1 run", hasRuns: true, sharedSettingsHeading: "Every run",
            hasSharedSettings: true, sharedSettings: [.init(label: "Data", value: "the workbook's 29 rows")],
            columns: [.init(label: "Model", help: "The network")], columnCount: "1", hasDifferences: true,
            runs: [row], hasDivergence: true, hasCharts: true, charts: [figure], hasSignals: true, signals: [link],
            inputFiles: [link], workbook: link,
            studyFile: link, resultsFile: link, command: "sgdreport build study.json", version: "0", seeds: "1")
    }()

    static let index = IndexPage(
        title: "Studies", generator: "sgdreport 0", summary: "1 study", hasStudies: true,
        studies: [
            .init(
                title: "A study", titleHTML: "A study", summary: "What it shows.", summaryHTML: "What it shows.", hasSummary: true, folder: "a-study", href: "a-study/index.html",
                hasThumbnail: true, thumbnail: .init(src: "a-study/charts/error.png", alt: "The first chart"))
        ])
}
