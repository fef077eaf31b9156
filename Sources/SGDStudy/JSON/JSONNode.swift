/// A place in a source file, counted from 1 as editors show it. Columns count characters
/// (Unicode scalars), not bytes, so that a caret under the line lands where the user looks.
public struct SourceLocation: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    /// From 1.
    public var line: Int
    /// From 1, in characters (Unicode scalars).
    public var column: Int

    /// A place at `line` and `column`, both counted from 1.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`, as editors and terminals link it.
    public var description: String { "\(line):\(column)" }

    /// Earlier in the file: by line, then by column.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A parsed JSON value that remembers where it was written.
///
/// Foundation's `JSONSerialization` forgets locations, accepts duplicate keys silently and
/// reorders objects; a study file needs all three for its error messages, so sgdreport
/// reads JSON with its own small parser into this tree.
package struct JSONNode: Sendable, Equatable {
    package indirect enum Kind: Sendable, Equatable {
        case null
        case bool(Bool)
        /// The value and its text as written (for messages such as "got 1e400").
        case number(Double, text: String)
        case string(String)
        case array([JSONNode])
        /// Members in the order written; keys are unique (the parser reports duplicates).
        case object([Member])
    }

    package struct Member: Sendable, Equatable {
        package var key: String
        package var keyLocation: SourceLocation
        package var value: JSONNode
    }

    package var kind: Kind
    package var location: SourceLocation

    package init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The JSON type name used in messages: "a number", "an object", …
    package var typeDescription: String {
        switch kind {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    package subscript(key: String) -> JSONNode? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The string, when the node is one.
    package var stringValue: String? {
        guard case .string(let text) = kind else { return nil }
        return text
    }
}
