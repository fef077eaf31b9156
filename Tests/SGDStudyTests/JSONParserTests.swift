import Testing
@testable import SGDStudy

@Suite struct JSONParserTests {
    func parse(_ text: String) -> Result<JSONNode, JSONParser.SyntaxError> {
        JSONParser.parse(Array(text.utf8)).map(\.root)
    }

    func error(_ text: String) -> JSONParser.SyntaxError? {
        if case .failure(let error) = parse(text) { return error }
        return nil
    }

    @Test func valuesAndLocations() throws {
        let root = try parse("{\n  \"a\": [1, 2.5e-3, -0],\n  \"b\": { \"c\": \"x\\u00e9\\ud83d\\ude00\" }\n}").get()
        guard case .object(let members) = root.kind else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["a", "b"])
        #expect(members[0].keyLocation == SourceLocation(line: 2, column: 3))
        #expect(members[0].value.location == SourceLocation(line: 2, column: 8))
        guard case .array(let numbers) = members[0].value.kind else { Issue.record("not an array"); return }
        #expect(numbers.map(\.kind) == [.number(1, text: "1"), .number(0.0025, text: "2.5e-3"), .number(-0.0, text: "-0")])
        #expect(root["b"]?["c"]?.kind == .string("xé😀"))
    }

    @Test func columnsCountCharactersNotBytes() {
        let e = error("{ \"é\": x }")
        #expect(e?.location == SourceLocation(line: 1, column: 8))
    }

    @Test func syntaxErrorsSayWhereAndWhat() {
        #expect(error("")?.message == "the file is empty")
        #expect(error("{ \"a\": 1, }")?.message == "a trailing comma before '}'")
        #expect(error("[1, 2,]")?.message == "a trailing comma before ']'")
        #expect(error("{ \"a\": 1")?.message == "the file ends inside an object (opened at 1:1)")
        #expect(error("{ a: 1 }")?.message == "a key must be in double quotes, found a")
        #expect(error("{ \"a\": NaN }")?.message == "NaN is not a JSON number")
        #expect(error("{ \"a\": Infinity }")?.message == "Infinity is not a JSON number")
        #expect(error("{ \"a\": -Infinity }")?.message == "-Infinity is not a JSON number")
        #expect(error("{ \"a\": 1e400 }")?.message == "the number 1e400 is beyond the range of a double (about ±1.8e308)")
        #expect(error("{ \"a\": True }")?.message == "True is not JSON")
        #expect(error("{ \"a\": 'x' }")?.message == "single quotes are not JSON")
        #expect(error("{ // note\n }")?.message == "expected a key in double quotes, found '/' (JSON does not allow comments)")
        #expect(error("{ \"a\": 01 }")?.message == "a number cannot start with 0 followed by digits")
        #expect(error("{ \"a\": \"x\n\" }")?.message == "a string is not closed before the end of the line")
        #expect(error("{ \"a\": \"\\q\" }")?.message == "an invalid escape \\q")
        #expect(error("{ \"a\": \"\\ud800\" }")?.message == "a lone high surrogate \\uD800")
        #expect(error("{} {}")?.message == "unexpected '{' after the end of the JSON value")
        #expect(error("{ \"a\": 1 \"b\": 2 }")?.message == "expected ',' or '}' after a member, found '\"'")
    }

    /// Issue 10, item 4: Notepad's UTF-8 byte-order mark is read, and columns count from after it.
    @Test func aByteOrderMarkIsReadAndNotCounted() throws {
        let parsed = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8)).get()
        #expect(parsed.root.location == SourceLocation(line: 1, column: 1))
        #expect(parsed.root["a"]?.location == SourceLocation(line: 1, column: 7))
        let bad = JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("{\"a\": \"".utf8) + [0xFF] + Array("\" }".utf8))
        if case .failure(let e) = bad { #expect(e.location == SourceLocation(line: 1, column: 8)) } else { Issue.record("accepted invalid UTF-8") }
        let syntax = JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("{ 1 }".utf8))
        if case .failure(let e) = syntax { #expect(e.location == SourceLocation(line: 1, column: 3)) } else { Issue.record("accepted { 1 }") }
    }

    @Test func invalidUTF8IsRefused() {
        let bad = JSONParser.parse(Array("{\n \"a\": \"".utf8) + [0xFF] + Array("\" }".utf8))
        if case .failure(let e) = bad {
            #expect(e.message == "the file is not valid UTF-8 (byte 0xFF at offset 9)")
            #expect(e.location == SourceLocation(line: 2, column: 8))
        } else { Issue.record("accepted invalid UTF-8") }
        // Overlong encodings and encoded surrogates are invalid too.
        #expect(JSONParser.firstInvalidUTF8(in: [0xC0, 0xAF]) == 0)
        #expect(JSONParser.firstInvalidUTF8(in: [0xED, 0xA0, 0x80]) == 0)
        #expect(JSONParser.firstInvalidUTF8(in: Array("ok é 😀".utf8)) == nil)
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(error(deep)?.message == "arrays and objects are nested more than 256 levels deep")
    }

    @Test func duplicateKeysAreReportedWithBothPlaces() throws {
        let parsed = try JSONParser.parse(Array("{ \"runs\": [ { \"lr\": 1,\n \"lr\": 2 } ] }".utf8)).get()
        #expect(parsed.duplicates == [JSONParser.DuplicateKey(
            key: "lr", location: SourceLocation(line: 2, column: 2), firstLocation: SourceLocation(line: 1, column: 15),
            objectPath: "runs[0]")])
        #expect(parsed.root["runs"].map { _ in true } == true)
    }
}

@Suite struct JSONWriterTests {
    @Test func numbersReadBackExactly() {
        for value in [0.1, 1e-5, 150.75521153771854, 1, -30, 2.9201563999999998, 1e300, .leastNonzeroMagnitude, 0.0001] {
            let text = NumberText.shortest(value)
            #expect(Double(text) == value, "\(text)")
        }
        #expect(NumberText.shortest(1) == "1")
        #expect(NumberText.shortest(-0.0) == "-0")
        #expect(NumberText.shortest(.nan) == "nan")
        #expect(NumberText.shortest(-.infinity) == "-inf")
        #expect(NumberText.compact(1e-5) == "1e-5")
        #expect(NumberText.compact(0.001) == "0.001")
        #expect(NumberText.compact(1e20) == "1e20")
    }

    @Test func writesDeterministicPrettyJSON() {
        let value = JSONValue.object([
            .init("b", .string("quote \" and \\ and \n")),
            .init("a", .array([.number(1), .number(0.5)])),
            .init("empty", .object([])),
        ])
        #expect(JSONWriter.write(value) == """
            {
              "b": "quote \\" and \\\\ and \\n",
              "a": [1, 0.5],
              "empty": {}
            }

            """)
    }

    @Test func whatItWritesItReads() throws {
        let long = JSONValue.array((0..<100).map { .number(Double($0) / 7) })
        let text = JSONWriter.write(.object([.init("x", long)]))
        let parsed = try JSONParser.parse(Array(text.utf8)).get().root
        guard case .array(let elements)? = parsed["x"]?.kind else { Issue.record("no array"); return }
        #expect(elements.count == 100)
        for (i, element) in elements.enumerated() {
            guard case .number(let v, _) = element.kind else { continue }
            #expect(v == Double(i) / 7)
        }
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 })
    }
}
