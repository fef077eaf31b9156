import Foundation
import Testing
import TestSupport

/// The page's Data section with run names of any length (issue: a long name hid the links): at
/// 1280 px and on a 390 px phone, light and dark, each run's name wraps — between words, between
/// CJK characters, or anywhere in a name without spaces — and its files' links stay inside the
/// table's box, beside the name.
@Suite(.serialized) struct DataTableLayoutTests {
    static let names = [
        String(repeating: "very long name ", count: 20).trimmingCharacters(in: .whitespaces),
        String(repeating: "一个很长的名字", count: 25),
        String(repeating: "x", count: 200),
        "1 neuron",
    ]

    static var study: String {
        let runs = names.map { #"{ "name": "\#($0)" }"# }.joined(separator: ", ")
        return #"{ "title": "Long names", "defaults": { "model": "linear", "init": 1, "optimizer": { "type": "sgd", "lr": 0.0001 } }, "runs": [ \#(runs) ] }"#
    }

    @Test func longRunNamesWrapAndTheLinksStayInView() throws {
        let folder = try BinaryRunner.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("long.json")
        try Data(Self.study.utf8).write(to: file)
        let pages = try PageFixtures.build([file], into: folder.appendingPathComponent("output"))
        let page = try #require(pages.first)
        let browser = try BrowserSession(width: 1280, height: 2000)
        defer { browser.close() }
        for phone in [false, true] {
            if phone { try browser.emulatePhone() }
            for scheme in ["light", "dark"] {
                try browser.emulateColorScheme(scheme)
                try browser.open(page)
                let rows = try #require(browser.execute("""
                    var box = document.querySelector('#data .table-scroll').getBoundingClientRect();
                    return Array.prototype.map.call(document.querySelectorAll('table.files tr'), function (tr) {
                      var th = tr.querySelector('th').getBoundingClientRect();
                      var links = Array.prototype.map.call(tr.querySelectorAll('a'), function (a) { return a.getBoundingClientRect(); });
                      return {
                        name: tr.querySelector('th').textContent,
                        nameRight: th.right, nameHeight: th.height,
                        linksRight: Math.max.apply(null, links.map(function (r) { return r.right; })),
                        linksTop: Math.min.apply(null, links.map(function (r) { return r.top; })),
                        nameTop: th.top, boxRight: box.right
                      };
                    });
                    """) as? [[String: Any]])
                let width = phone ? 390 : 1280
                #expect(rows.count == Self.names.count + 3, "\(rows)")
                for row in rows {
                    let name = row["name"] as? String ?? "?"
                    let linksRight = (row["linksRight"] as? NSNumber)?.doubleValue ?? .infinity
                    let boxRight = (row["boxRight"] as? NSNumber)?.doubleValue ?? 0
                    let nameRight = (row["nameRight"] as? NSNumber)?.doubleValue ?? .infinity
                    #expect(linksRight <= boxRight + 0.5, "\(width) px, \(scheme): the links of \(name.prefix(20)) end at \(linksRight), past the table's box at \(boxRight)")
                    #expect(nameRight <= Double(width) * 0.6, "\(width) px, \(scheme): the name \(name.prefix(20)) is \(nameRight) px wide: it does not wrap")
                }
            }
        }
    }
}
