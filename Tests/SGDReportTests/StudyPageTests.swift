import Foundation
import Testing
@testable import SGDReport

/// What the study page says about runs, charts, files and reproduction.
@Suite struct StudyPageTests {
    static let momentum = #"""
        {
          "title": "Momentum",
          "description": "Compare **momentum** with SGD.",
          "data": "graddesc",
          "defaults": { "init": 1, "epochs": 1, "optimizer": { "type": "sgd", "lr": 0.0001 } },
          "runs": [
            { "name": "ReLU", "model": { "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] } },
            { "name": "ReLU + momentum", "model": { "layers": [ { "units": 1, "activation": "relu" }, { "units": 1 } ] },
              "optimizer": { "type": "momentum", "lr": 0.0001, "beta": 0.9, "dampening": true } },
            { "name": "1 neuron", "model": "linear", "derivatives": { "method": "forward", "epsilon": 0.01 } }
          ],
          "signals": [ { "name": "sine", "x": { "from": 0, "to": 1, "step": 0.5 }, "f": "sin" } ],
          "charts": [ { "title": "Error per epoch", "per": "epoch", "y": "sqrt_sse", "caption": "Lower is *better*." } ]
        }
        """#

    @Test func settingsThatDifferAreColumnsAndSharedOnesAreSaidOnce() throws {
        let page = try pageModel(Self.momentum)
        #expect(page.columns.map(\.label) == ["Model", "Optimizer", "Derivatives"])
        #expect(page.hasDifferences)
        #expect(page.columnCount == "3")
        #expect(page.runs.map { $0.settings.map(\.text) } == [
            ["y = c·relu(a·x + b) + d", "SGD", "analytic"],
            ["y = c·relu(a·x + b) + d", "momentum β=0.9, dampened", "analytic"],
            ["y = a·x + b", "SGD", "forward ε=0.01"],
        ])
        #expect(page.runs[0].settings.map(\.isFormula) == [true, false, false])
        #expect(page.sharedSettingsHeading == "Every run")
        #expect(page.sharedSettings.map { "\($0.label): \($0.value)" } == [
            "Learning rate: 0.0001", "Epochs: 1", "Initial weights: all 1", "Data: the workbook's 29 rows, y = 2x + 30",
        ])
    }

    @Test func oneRunStatesEverySettingAboveItsResults() throws {
        let page = try pageModel(#"""
            { "runs": [ { "name": "basic", "model": "linear", "batch": 5, "warmupEpochs": 2, "epochRestart": "spreadsheet",
                          "shuffle": { "seed": 3 }, "init": { "random": { "seed": 4 } },
                          "derivatives": { "method": "central", "epsilon": 0.001, "check": true },
                          "optimizer": { "type": "adam", "lr": 0.01, "debias": false } } ], "charts": [] }
            """#)
        #expect(page.columns.isEmpty && !page.hasDifferences)
        #expect(page.sharedSettingsHeading == "The run")
        #expect(page.sharedSettings.map { "\($0.label): \($0.value)" } == [
            "Model: y = a·x + b", "Optimizer: Adam β₁=0.9, β₂=0.99, ε=1e-5, not debiased", "Learning rate: 0.01",
            "Derivatives: central ε=0.001, checked by forward ε=0.001", "Epochs: 1", "Batch: 5 rows",
            "Shuffle: shuffled, seed 3", "Warm-up: 2 passes", "Epoch restart: spreadsheet (drop each epoch's last update)",
            "Initial weights: random in [−1, 1), seed 4", "Data: the workbook's 29 rows, y = 2x + 30",
        ])
        #expect(page.seeds == "3, 4")
        #expect(page.hasCharts == false)
    }

    @Test func resultsAreTheLastEpochsErrorAndTheFinalWeights() throws {
        let page = try pageModel(#"{ "runs": [ { "name": "basic", "model": "linear", "optimizer": { "type": "sgd", "lr": 0.0001 } } ], "charts": [] }"#)
        let run = try #require(page.runs.first)
        #expect(run.sqrtSSE.exact == "150.75521153771854")
        #expect(run.sqrtSSE.text == "150.8")
        #expect(run.weights.map(\.name) == ["a", "b"])
        #expect(run.moreWeights == nil)
        #expect(!run.diverged && run.divergence == nil)
        #expect(run.steps.href == "data/basic.steps.csv" && run.epochs.href == "data/basic.epochs.csv")
        #expect(page.seeds == "none: this study uses no randomness")
        #expect(page.summary == "1 run · 29 updates", "no \"0 charts\" (issue 10)")
        #expect(page.studyFile.href == "study.json" && page.resultsFile.href == "results.json")
    }

    /// A finder run's row shows no error (its last pass, cut short at changing rates, read as a
    /// better model than the real runs'); a training run beside it shows its own.
    @Test func aFinderRunShowsNoErrorInTheRunsTable() throws {
        let page = try pageModel(#"""
            { "defaults": { "init": 1, "optimizer": { "type": "sgd", "lr": 0.0001 } },
              "runs": [ { "name": "train", "model": "linear" }, { "name": "find", "model": "linear", "batch": 4, "lrFind": { "numIt": 20 } } ], "charts": [] }
            """#)
        let train = try #require(page.runs.first { $0.name == "train" }), find = try #require(page.runs.first { $0.name == "find" })
        #expect(train.sqrtSSE.text != "—")
        #expect(find.sqrtSSE.text == "—" && find.mse.text == "—")
        #expect(find.sqrtSSE.exact.hasPrefix("a learning-rate finder"))
        #expect(find.weights.count == 2)
    }

    @Test func aDivergedRunSaysWhere() throws {
        let page = try pageModel(#"{ "runs": [ { "name": "too fast", "epochs": 100, "optimizer": { "type": "sgd", "lr": 0.01 } } ], "charts": [] }"#)
        let run = try #require(page.runs.first)
        #expect(run.diverged && page.hasDivergence)
        let text = try #require(run.divergence)
        #expect(text.hasPrefix("diverged at step ") && text.contains("(epoch "))
        #expect(run.divergenceDetail.hasSuffix("training stopped there."))
    }

    /// A run that starts from a diverged run's weights (`init.from`) says so in its settings and
    /// in its divergence's detail, down a chain; one started from a run that did not diverge says nothing more.
    @Test func aRunStartingFromADivergedRunSaysWhereThatOneDiverged() throws {
        let page = try pageModel(#"""
            { "data": "graddesc", "defaults": { "init": 1, "epochs": 5, "optimizer": { "type": "sgd", "lr": 0.0001 } },
              "runs": [ { "name": "boom", "optimizer": { "type": "sgd", "lr": 0.01 } }, { "name": "b", "init": { "from": "boom" } },
                        { "name": "fine" }, { "name": "c", "init": { "from": "fine" } },
                        { "name": "d", "init": { "from": "b" } } ], "charts": [] }
            """#)
        let column = try #require(page.columns.firstIndex { $0.label == "Initial weights" })
        #expect(page.runs.map { $0.settings[column].text } == [
            "all 1", "the final weights of “boom”, which diverged at step 123 (epoch 5)", "all 1", "the final weights of “fine”",
            "the final weights of “b”, which diverged at step 1 (epoch 1)",
        ])
        #expect(page.runs.map(\.divergence) == ["diverged at step 123 (epoch 5)", "diverged at step 1 (epoch 1)", nil, nil, "diverged at step 1 (epoch 1)"])
        #expect(page.runs[1].divergenceDetail == "The loss stopped being finite; training stopped there. It started from the final weights of “boom”, which diverged at step 123 (epoch 5).")
        #expect(page.runs[0].divergenceDetail == "The loss stopped being finite; training stopped there.")
    }

    @Test func aWideNetworkShowsSomeWeightsAndSaysWhereTheRestAre() throws {
        let page = try pageModel(#"""
            { "runs": [ { "name": "wide", "model": { "layers": [ { "units": 8, "activation": "relu" }, { "units": 1 } ] },
                          "init": { "random": { "seed": 1 } }, "optimizer": { "type": "sgd", "lr": 0.00001 } } ], "charts": [] }
            """#)
        let run = try #require(page.runs.first)
        #expect(run.weights.map(\.name) == ["w1_1_1", "b1_1", "w1_2_1", "b1_2"])
        #expect(run.moreWeights == "and 21 more in the epochs CSV")
        #expect(page.sharedSettings.first?.value == "1 → 8 relu → 1")
    }

    /// The count of weights not shown is grouped as every other count on the page ("1,197").
    @Test func theCountOfWeightsNotShownIsGrouped() throws {
        let page = try pageModel(#"""
            { "runs": [ { "name": "wide", "model": { "layers": [ { "units": 400, "activation": "relu" }, { "units": 1 } ] },
                          "init": { "random": { "seed": 1 } }, "optimizer": { "type": "sgd", "lr": 0.00001 } } ], "charts": [] }
            """#)
        #expect(page.runs.first?.moreWeights == "and 1,197 more in the epochs CSV")
    }

    @Test func chartsShowTheirImageCaptionAndDownloads() throws {
        let input = try pageInput(Self.momentum)
        var charts = input.charts
        let page = StudyPageBuilder.page(input)
        let figure = try #require(page.charts.first)
        #expect(figure.title == "Error per epoch")
        #expect(figure.anchor == "chart-error-per-epoch")
        #expect(figure.image?.src == "charts/error-per-epoch.png")
        #expect(figure.image?.width == "720" && figure.image?.height == "450")
        #expect(figure.image?.alt == "Chart: Error per epoch")
        #expect(figure.captionHTML == "<p>Lower is <em>better</em>.</p>")
        #expect(figure.downloads.map(\.label) == ["PNG", "SVG"])
        #expect(figure.downloads.map(\.href) == ["charts/error-per-epoch.png", "charts/error-per-epoch.svg"])

        // SVG only: the SVG is the image; neither: the page says so.
        charts[0].pngPath = nil
        charts[0].alt = "Error falls"
        let svgOnly = StudyPageBuilder.figure(charts[0])
        #expect(svgOnly.image?.src == "charts/error-per-epoch.svg" && svgOnly.image?.alt == "Error falls")
        charts[0].svgPath = nil
        let none = StudyPageBuilder.figure(charts[0])
        #expect(!none.hasImage && none.image == nil && !none.hasDownloads)
    }

    @Test func dataFilesAndTheDescriptionAreOnThePage() throws {
        let page = try pageModel(Self.momentum, command: "sgdreport build studies/momentum.json")
        #expect(page.descriptionHTML == "<p>Compare <strong>momentum</strong> with SGD.</p>")
        #expect(page.signals.map(\.href) == ["data/sine.csv"])
        #expect(page.runs.map(\.epochs.href) == ["data/relu.epochs.csv", "data/relu-momentum.epochs.csv", "data/1-neuron.epochs.csv"])
        #expect(page.command == "sgdreport build studies/momentum.json")
        #expect(page.version == SGDReportVersion.current)
    }

    /// A run that keeps only some rows (`record`) says so in the Data section, with the rows kept.
    @Test func thinnedTracesSayWhichRowsTheyHold() throws {
        let json = #"""
            { "data": "graddesc", "defaults": { "init": 1, "optimizer": { "type": "sgd", "lr": 0.0001 } },
              "runs": [ { "name": "all", "epochs": 3 },
                        { "name": "every", "epochs": 100, "record": { "every": 29 } },
                        { "name": "epochs", "epochs": 250, "record": { "epochs": 100 } },
                        { "name": "both", "epochs": 5, "record": { "every": 2, "epochs": 3 } } ], "charts": [] }
            """#
        let page = try pageModel(json)
        #expect(page.runs.map(\.steps.note) == [
            "one row per update",
            "every 29th update (the first, the last and a diverging one kept): 101 rows",
            "one row per update",
            "every 2nd update (the first, the last and a diverging one kept): 73 rows",
        ])
        #expect(page.runs.map(\.epochs.note) == [
            "one row per epoch",
            "one row per epoch",
            "every 100th epoch (the first, the last and a diverging one kept): 4 rows",
            "every 3rd epoch (the first, the last and a diverging one kept): 3 rows",
        ])
        let html = try ReportTemplates.load(directory: templatesFolder.path).studyPage(pageInput(json))
        #expect(html.contains("every 29th update (the first, the last and a diverging one kept): 101 rows"))
        #expect(html.contains("every 100th epoch (the first, the last and a diverging one kept): 4 rows"))
        #expect(StudyPageBuilder.ordinal(1) == "1st" && StudyPageBuilder.ordinal(11) == "11th" && StudyPageBuilder.ordinal(22) == "22nd"
            && StudyPageBuilder.ordinal(113) == "113th" && StudyPageBuilder.ordinal(101) == "101st")
    }

    @Test func chartPathsCannotClimbOutOfTheStudyFolder() {
        #expect(StudyPageBuilder.relativeHref("charts/loss.png") == "charts/loss.png")
        #expect(StudyPageBuilder.relativeHref("../../etc/passwd") == "etc/passwd")
        #expect(StudyPageBuilder.relativeHref("/abs/x y.png") == "abs/x%20y.png")
        #expect(StudyPageBuilder.relativeHref("javascript:alert(1)") == "javascript%3Aalert%281%29")
        // Empty segments and "." go too; a non-ASCII path is cut at "/" characters, so a "/"
        // with a combining accent is one character, encoded, not a cut.
        #expect(StudyPageBuilder.relativeHref("a//./b/") == "a/b")
        #expect(StudyPageBuilder.relativeHref("données/é.csv") == "donn%C3%A9es/%C3%A9.csv")
        #expect(StudyPageBuilder.relativeHref("x/\u{301}y/..") == "x%2F%CC%81y")
    }

    @Test func theSameStudyGivesTheSameBytes() throws {
        let templates = try ReportTemplates.load(directory: templatesFolder.path)
        let first = try templates.studyPage(pageInput(Self.momentum))
        let second = try templates.studyPage(pageInput(Self.momentum))
        #expect(first == second)
    }
}

/// Numbers for people, exact values for hovering.
@Suite struct ReadableNumberTests {
    @Test func fourSignificantDigits() {
        #expect(ReadableNumber.text(150.75521153771854) == "150.8")
        #expect(ReadableNumber.text(22727.05) == "22727")
        #expect(ReadableNumber.text(0.00123456) == "0.001235")
        #expect(ReadableNumber.text(0.000123456) == "0.0001235")
        #expect(ReadableNumber.text(1.00003) == "1.000")
        #expect(ReadableNumber.text(9.99996) == "10.00")
        #expect(ReadableNumber.text(-5.6421) == "−5.642")
    }

    @Test func exactValuesLoseTheirTrailingZeros() {
        #expect(ReadableNumber.text(1) == "1")
        #expect(ReadableNumber.text(2.5) == "2.5")
        #expect(ReadableNumber.text(0.0001) == "0.0001")
        #expect(ReadableNumber.text(0) == "0")
        #expect(ReadableNumber.text(-0.0) == "0")
    }

    @Test func powersOfTenForVeryLargeAndSmall() {
        #expect(ReadableNumber.text(4.5127e32) == "4.513×10³²")
        #expect(ReadableNumber.text(1e6) == "1×10⁶")
        #expect(ReadableNumber.text(-2.0e-5) == "−2×10⁻⁵")
        #expect(ReadableNumber.text(1.23456e-7) == "1.235×10⁻⁷")
        #expect(ReadableNumber.text(0.0000123456) == "1.235×10⁻⁵")
        #expect(ReadableNumber.text(999999) == "999999")
    }

    /// `printf` stands in for Foundation's `String(format:)` (issue 18): the same text for
    /// every format `text` uses, over magnitudes 1e-320 … 1e300, both signs, values that round
    /// up a digit (9.9995), halfway cases and subnormals.
    @Test func printfWritesWhatStringFormatWrites() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 1, 9.9995, 0.5, 2.5, Double("1e-320")!, -Double("1e-320")!, .leastNormalMagnitude, .greatestFiniteMagnitude, 999999, 0.00012345]
        for exponent in -320...300 {
            let magnitude = Double("1e\(exponent)")!
            values += [magnitude, -magnitude * 9.99951, magnitude * Double.random(in: 1..<10, using: &generator)]
        }
        for value in values {
            for digits in 0...8 {
                #expect(ReadableNumber.printf("%.\(digits)e", value) == String(format: "%.\(digits)e", value), "\(value) %.\(digits)e")
                #expect(ReadableNumber.printf("%.\(digits)f", value) == String(format: "%.\(digits)f", value), "\(value) %.\(digits)f")
            }
        }
    }

    @Test func nonFiniteValues() {
        #expect(ReadableNumber.format(.infinity) == ("∞", "inf"))
        #expect(ReadableNumber.format(-.infinity) == ("−∞", "-inf"))
        #expect(ReadableNumber.format(.nan) == ("NaN", "nan"))
        #expect(ReadableNumber.format(0.1).exact == "0.1")
    }
}
