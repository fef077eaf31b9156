import Testing
@testable import SGDCharts

/// Titles wrap where their script allows a break (between Chinese characters, not only at
/// spaces), and cut legend entries stay told apart.
@Suite struct LineBreakTests {
    static let chineseTitle = "这是一个非常长的图表标题用于测试中文文本是否能够在没有空格的情况下正确地换行显示而不会超出图表的边界或者与其他元素重叠在一起"

    @Test func theDefaultBreaksFollowSpacesAndCJK() {
        #expect(measurer.lineBreakOffsets(in: "final error  against lr") == [6, 13, 21])
        #expect(measurer.lineBreakOffsets(in: "一个神经元") == [1, 2, 3, 4])
        #expect(measurer.lineBreakOffsets(in: "误差（一个）。") == [1, 2, 4])
        #expect(measurer.lineBreakOffsets(in: "learning-rate") == [])
    }

    @Test func aChineseTitleWrapsOntoTwoLinesUncut() throws {
        // 62 characters at 0.6 em of 15 px: too wide for one line of a 500 px chart, not for two.
        let chart = Chart(title: Self.chineseTitle, series: [Series(name: "一个神经元", y: [3, 2, 1])], width: 500, height: 350)
        let scene = try chart.layout(measurer: measurer)
        let lines = scene.texts(.title).map(\.text)
        #expect(lines.count == 2)
        #expect(lines.joined() == Self.chineseTitle, "\(lines)")
        #expect(scene.texts(.title).allSatisfy { $0.bounds.maxX <= 500 && $0.bounds.minX >= 0 })
    }

    @Test func aTitleTooLongForTwoLinesIsCutOnTheSecondWithoutAddedSpaces() throws {
        let title = String(repeating: Self.chineseTitle, count: 3)
        let scene = try Chart(title: title, series: [Series(name: "a", y: [1, 2])], width: 400, height: 300).layout(measurer: measurer)
        let lines = scene.texts(.title).map(\.text)
        #expect(lines.count == 2 && lines[1].hasSuffix("…") && !lines[1].contains(" "))
        #expect(title.hasPrefix(lines[0] + lines[1].dropLast()))
    }

    @Test func aLatinTitleStillBreaksAtSpacesOnly() throws {
        let title = "The final error of every run against its learning rate, from ten to the minus five up to one"
        let scene = try Chart(title: title, series: [Series(name: "a", y: [1, 2])], width: 500, height: 300).layout(measurer: measurer)
        let lines = scene.texts(.title).map(\.text)
        #expect(lines.count == 2)
        #expect(lines.joined(separator: " ") == title)
    }

    @Test func longLegendEntriesAlikeButTheirEndStayDistinct() throws {
        let base = "这是一个非常长的运行名称用于测试工作簿工作表名称的长度限制是否正确处理"
        let names = [base + "甲", base + "乙", "short", base + "甲" + "x"]
        let setter = TextSetter(measurer: measurer)
        let font = Font(size: 11)
        let cut = setter.truncatedDistinctly(names, font: font, width: 200)
        #expect(Set(cut).count == names.count, "\(cut)")
        #expect(cut[2] == "short")
        #expect(cut[0].hasSuffix("甲") && cut[1].hasSuffix("乙") && cut[0].contains("…"))
        #expect(cut.allSatisfy { setter.metrics($0, font).width <= 200 })
        // Different names that cut differently keep the usual ellipsis at the end.
        #expect(setter.truncatedDistinctly(["alpha " + base, "beta " + base], font: font, width: 200).allSatisfy { $0.hasSuffix("…") })
        // In a chart's legend.
        let chart = Chart(title: "t", series: names.map { Series(name: $0, y: [1, 2, 3]) }, width: 500, height: 350)
        let legend = try chart.layout(measurer: measurer).items.compactMap { item -> String? in
            guard case .legendLabel = item.role, case .text(let run) = item.element else { return nil }
            return run.text
        }
        #expect(Set(legend).count == 4, "\(legend)")
    }

    @Test func dotPlotRowNamesAlikeButTheirEndStayDistinct() throws {
        let base = "这是一个非常长的运行名称用于测试工作簿工作表名称的长度限制是否正确处理"
        var chart = Chart(title: "rows", series: [Series(name: "final", x: [1, 2, 3], y: [3, 2, 1], style: .markers)], width: 500, height: 300)
        chart.yCategories = [base + "甲", base + "乙", "short"]
        let labels = try chart.layout(measurer: measurer).texts(.tickLabel(.y)).map(\.text)
        #expect(labels.count == 3 && Set(labels).count == 3, "\(labels)")
        #expect(labels[0].hasSuffix("甲") && labels[1].hasSuffix("乙") && labels[2] == "short")
    }

    @Test func divergenceLabelsOfRunsAlikeButTheirEndStayDistinct() throws {
        let base = "这是一个非常长的运行名称用于测试工作簿工作表名称的长度限制是否正确处理"
        let series = ["甲", "乙"].map { last in
            Series(name: base + last, x: [1, 2, 3], y: [1, 2, .infinity],
                   divergence: DivergenceMark(x: 3, label: "\(base)\(last): diverged at step 3"))
        }
        let scene = try Chart(title: "t", series: series, width: 400, height: 300).layout(measurer: measurer)
        let labels = scene.items.compactMap { item -> String? in
            guard case .divergenceLabel = item.role, case .text(let run) = item.element else { return nil }
            return run.text
        }
        #expect(labels.count == 2 && Set(labels).count == 2, "\(labels)")
    }
}
