/// JSON paths as messages show them: `runs[2].optimizer.lr`, `data.x["odd key"]`.
package enum JSONPath {
    package static func appending(key: String, to path: String) -> String {
        let isIdentifier = !key.isEmpty && key.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "$")
        } && !("0"..."9").contains(key.unicodeScalars.first!)
        if isIdentifier {
            return path.isEmpty ? key : path + "." + key
        }
        return path + "[" + JSONWriter.quoted(key) + "]"
    }

    package static func appending(index: Int, to path: String) -> String {
        path + "[\(index)]"
    }

    /// The path as a message shows it; the root is "the top level".
    package static func display(_ path: String) -> String {
        path.isEmpty ? "(top level)" : path
    }
}
