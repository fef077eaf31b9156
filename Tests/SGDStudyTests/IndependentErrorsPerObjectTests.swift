import Foundation
import Testing
import SGDStudy

/// Two independent mistakes in one object of a study are both reported by one `validate`, for
/// every kind of object (the optimizer, a layer, inline and CSV data, the target, random data,
/// fit and landscape charts, a line chart's x, a signal, a piece, `sweptFrom`); a mistake that
/// depends on another (a column of a run that does not exist) is still reported only once.
@Suite struct IndependentErrorsPerObjectTests {
    static let sgd = #""optimizer": { "type": "sgd", "lr": 0.0001 }"#
    static let data = #""data": { "x": [1, 2, 3], "y": [32, 34, 36] }"#

    func paths(_ json: String, file: String = "studies/test.json") -> [String] {
        problems(json, file: file).compactMap(\.path)
    }

    /// A setting the type does not take, and a variant it does not have, beside a bad value or a missing lr.
    @Test func theOptimizersSettingsBesideItsValues() {
        #expect(paths(#"{ "runs": [ { "name": "r", "optimizer": { "type": "rmsprop", "lr": -1, "variant": "foo" } } ] }"#)
            == ["runs[0].optimizer.lr", "runs[0].optimizer.variant"])
        #expect(paths(#"{ "runs": [ { "name": "r", "optimizer": { "type": "sgd", "lr": -1, "beta": 0.9, "amsgrad": true } } ] }"#)
            == ["runs[0].optimizer.lr", "runs[0].optimizer.beta", "runs[0].optimizer.amsgrad"])
        #expect(paths(#"{ "runs": [ { "name": "r", "optimizer": { "type": "momentum", "lr": 0.1, "beta": 2, "variant": "x" } } ] }"#)
            == ["runs[0].optimizer.beta", "runs[0].optimizer.variant"])
        // Without lr: both said.
        let noRate = problems(#"{ "runs": [ { "name": "r", "optimizer": { "type": "rmsprop", "variant": "foo" } } ] }"#).map(\.message)
        #expect(noRate == ["the rmsprop optimizer needs a learning rate \"lr\"", #"the variant "foo" is not one of "fastai", "spreadsheet" for rmsprop"#])
        // Beside an error elsewhere in the run.
        #expect(paths(#"{ "runs": [ { "name": "r", "epochs": 0, "optimizer": { "type": "sgd", "lr": 0.1, "beta": 0.9 } } ] }"#)
            == ["runs[0].epochs", "runs[0].optimizer.beta"])
        // Each once, though many runs take them from defaults.
        let fromDefaults = problems(#"{ "defaults": { "optimizer": { "type": "rmsprop", "lr": -1, "variant": "foo" } }, "runs": [ { "name": "a" }, { "name": "b" } ] }"#)
        #expect(fromDefaults.compactMap(\.path) == ["defaults.optimizer.lr", "defaults.optimizer.variant"], "\(fromDefaults)")
        // An unknown type: nothing to check the settings against.
        #expect(paths(#"{ "runs": [ { "name": "r", "optimizer": { "type": "sgdd", "lr": -1, "beta": 0.9 } } ] }"#)
            == ["runs[0].optimizer.type", "runs[0].optimizer.lr"])
    }

    /// A layer's units, activation and negativeSlope; the last layer's units beside another layer's mistake.
    @Test func aLayersSettingsEachOnce() {
        func model(_ layers: String) -> String { #"{ "defaults": { \#(Self.sgd) }, "runs": [ { "name": "r", "model": { "layers": \#(layers) } } ] }"# }
        #expect(paths(model(#"[ { "units": 0, "activation": "rleu" }, { "units": 1 } ]"#))
            == ["runs[0].model.layers[0].units", "runs[0].model.layers[0].activation"])
        #expect(paths(model(#"[ { "units": 1, "activation": "rleu", "negativeSlope": "x" }, { "units": 1 } ]"#))
            == ["runs[0].model.layers[0].activation", "runs[0].model.layers[0].negativeSlope"])
        #expect(paths(model(#"[ { "units": 0, "activation": "leaky-relu", "negativeSlope": -5 }, { "units": 1 } ]"#))
            == ["runs[0].model.layers[0].units", "runs[0].model.layers[0].negativeSlope"])
        #expect(paths(model(#"[ { "units": 2, "activation": "rleu" }, { "units": 2 } ]"#))
            == ["runs[0].model.layers[0].activation", "runs[0].model.layers[1].units"])
        // negativeSlope against a valid activation: one message for it; against a bad one, none.
        let relu = problems(model(#"[ { "units": 0, "activation": "relu", "negativeSlope": 0.1 }, { "units": 1 } ]"#))
        #expect(relu.compactMap(\.path) == ["runs[0].model.layers[0].units", "runs[0].model.layers[0].negativeSlope"])
        #expect(relu.last?.message.hasPrefix("negativeSlope is given but this layer's activation is \"relu\"") == true)
    }

    /// x, y and target of inline data; random data's range beside its seed.
    @Test func inlineDataEachPart() {
        func study(_ data: String) -> String { #"{ "data": \#(data), "runs": [ { "name": "r", \#(Self.sgd) } ] }"# }
        #expect(paths(study(#"{ "x": [1, "a", 3], "y": "z" }"#)) == ["data.x[1]", "data.y"])
        #expect(paths(study(#"{ "x": [], "y": [1, "a"] }"#)) == ["data.x", "data.y[1]"])
        #expect(paths(study(#"{ "x": [1, 2, 3], "target": { "slope": "a", "intercept": "b" } }"#)) == ["data.target.slope", "data.target.intercept"])
        #expect(paths(study(#"{ "x": ["a"], "target": { "slope": "a", "intercept": 30 } }"#)) == ["data.x[0]", "data.target.slope"])
        #expect(paths(study(#"{ "x": { "random": { "count": 3, "min": 5, "max": 1, "seed": "x" } }, "target": { "slope": 2, "intercept": 30 } }"#))
            == ["data.x.random.max", "data.x.random.seed"])
        // Dependent: the lengths are compared only when both lists are valid.
        #expect(paths(study(#"{ "x": [1, 2, 3], "y": [1, "a"] }"#)) == ["data.y[1]"])
    }

    /// A CSV source's settings each, and its path beside them; the file is read only when all are valid.
    @Test func aCSVSourcesSettingsEachOnce() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sgdreport-independent-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Data("x,y\n1,2\n3,4\n".utf8).write(to: URL(fileURLWithPath: root + "/d.csv"))
        func study(_ data: String) -> String { #"{ "data": \#(data), "runs": [ { "name": "r", \#(Self.sgd) } ] }"# }
        let file = root + "/s.json"
        #expect(paths(study(#"{ "csv": "d.csv", "x": "x", "y": "y", "delimiter": "ab", "decimal": "x" }"#), file: file) == ["data.delimiter", "data.decimal"])
        #expect(paths(study(#"{ "csv": "nope.csv", "x": "x", "y": "y", "decimal": "x" }"#), file: file) == ["data.csv", "data.decimal"])
        #expect(paths(study(#"{ "csv": "d.csv", "x": [1], "y": "y", "delimiter": "ab" }"#), file: file) == ["data.x", "data.delimiter"])
        #expect(paths(study(#"{ "csv": "d.csv", "x": "", "target": { "slope": "a", "intercept": 1 } }"#), file: file) == ["data.x", "data.target.slope"])
        #expect(paths(study(#"{ "csv": 3, "x": "x", "y": 0 }"#), file: file) == ["data.csv", "data.y"])
        // Valid settings and a column the file does not have: one message, from the file.
        let missing = problems(study(#"{ "csv": "d.csv", "x": "x", "y": "z" }"#), file: file)
        #expect(missing.count == 1 && missing.first?.message.contains("no such column") == true, "\(missing)")
    }

    /// fit's runs beside its epochs; landscape's x beside its y; a line chart's x beside its y.
    @Test func chartsOfEachKind() {
        let run = #""runs": [ { "name": "r", \#(Self.sgd) } ]"#
        #expect(paths(#"{ \#(run), "charts": [ { "fit": { "runs": ["zz"], "epochs": [-1] } } ] }"#) == ["charts[0].fit.runs[0]", "charts[0].fit.epochs[0]"])
        #expect(paths(#"{ \#(run), "charts": [ { "landscape": { "x": "zz", "y": "qq", "runs": ["r"] } } ] }"#) == ["charts[0].landscape.x", "charts[0].landscape.y"])
        #expect(paths(#"{ \#(run), "charts": [ { "landscape": { "x": 1, "y": "a", "runs": [2] } } ] }"#) == ["charts[0].landscape.x", "charts[0].landscape.runs[0]"])
        let line = problems(#"{ \#(run), "charts": [ { "x": "stp", "y": ["lss"] } ] }"#)
        #expect(line.compactMap(\.path) == ["charts[0].x", "charts[0].y[0]"], "\(line)")
        #expect(line.first?.message == #"no run has the column "stp" per step for x"#)
        #expect(line.first?.hint == #"did you mean "step"?"#, "\(line)")
        // A chart's name that makes no file name, beside a column no run has.
        #expect(paths(#"{ \#(run), "charts": [ { "name": "", "y": ["lss"] } ] }"#) == ["charts[0].name", "charts[0].y[0]"])
        #expect(paths(#"{ \#(run), "charts": [ { "title": "\u0007", "y": ["lss"] } ] }"#).count == 2)
        // Dependent: a run that does not exist has no parameters or columns to check.
        #expect(paths(#"{ \#(run), "charts": [ { "landscape": { "x": "zz", "y": "b", "runs": ["qq"] } } ] }"#) == ["charts[0].landscape.runs[0]"])
        #expect(paths(#"{ \#(run), "charts": [ { "fit": { "runs": ["zz"], "epochs": [1] } } ] }"#) == ["charts[0].fit.runs[0]"])
    }

    /// A signal's name or file beside its ewma; a piece's value beside its count.
    @Test func aSignalsPartsEachOnce() {
        let run = #""runs": [ { "name": "r", \#(Self.sgd) } ]"#
        #expect(paths(#"{ \#(run), "signals": [ { "name": "", "x": { "from": 0, "to": 1, "step": 0.5 }, "f": "sin", "ewma": { "beta": 2 } } ] }"#)
            == ["signals[0].name", "signals[0].ewma.beta"])
        #expect(paths(#"{ \#(run), "signals": [ { "name": "s", "file": "A B", "values": [1, "x"] } ] }"#)
            == ["signals[0].file", "signals[0].values[1]"])
        #expect(paths(#"{ \#(run), "signals": [ { "name": "s", "values": { "pieces": [ { "value": "a", "count": 0 } ] } } ] }"#)
            == ["signals[0].values.pieces[0].value", "signals[0].values.pieces[0].count"])
        // A chart of a signal that failed says nothing more.
        #expect(paths(#"{ \#(run), "signals": [ { "name": "", "values": [1] } ], "charts": [ { "signal": "" } ] }"#) == ["signals[0].name"])
    }

    /// `sweptFrom`, as a build writes it: the run beside the settings.
    @Test func sweptFromsRunBesideItsSettings() {
        #expect(paths(#"{ "runs": [ { "name": "r", \#(Self.sgd), "sweptFrom": { "run": 1, "settings": 2 } } ] }"#)
            == ["runs[0].sweptFrom.run", "runs[0].sweptFrom.settings"])
        #expect(paths(#"{ "runs": [ { "name": "r", \#(Self.sgd), "sweptFrom": { "run": 1, "settings": { "lrr": 1 } } } ] }"#)
            == ["runs[0].sweptFrom.run", "runs[0].sweptFrom.settings.lrr"])
    }
}
