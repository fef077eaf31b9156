/// A value read from a study file, with the JSON path and location it came from, so that a
/// problem found later (a chart naming a missing run, a sweep that cannot apply) can still
/// point at the text that caused it.
package struct Field<Value: Sendable>: Sendable {
    package var value: Value
    package var path: String
    package var location: SourceLocation?

    package init(_ value: Value, path: String, location: SourceLocation?) {
        self.value = value
        self.path = path
        self.location = location
    }

    package func map<T>(_ transform: (Value) -> T) -> Field<T> {
        Field<T>(transform(value), path: path, location: location)
    }
}

extension Field: Equatable where Value: Equatable {}
