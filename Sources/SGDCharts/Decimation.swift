/// M4 decimation: of the consecutive points that fall in one pixel column, keep the first, the
/// lowest, the highest and the last, in their original order.
///
/// A polyline through those points rasterises to the same pixels as the full data (the column's
/// vertical extent and its connections to the neighbouring columns are exact), so a million
/// points draw as a few thousand. Points are grouped only while consecutive, so data that is not
/// sorted by x is still drawn faithfully.
struct M4Decimator {
    /// Column width in scene units (one device pixel: 1 / resolution).
    let columnWidth: Double
    private let columnsPerUnit: Double
    private(set) var output: [Point] = []

    private var column = Int.min
    private var count = 0
    private var first = Point(0, 0), last = Point(0, 0), low = Point(0, 0), high = Point(0, 0)
    private var lowIndex = 0, highIndex = 0, lastIndex = 0

    init(columnWidth: Double) {
        self.columnWidth = columnWidth
        columnsPerUnit = 1 / columnWidth
    }

    /// Adds the next point of a run (finite coordinates).
    @inline(__always)
    mutating func add(_ x: Double, _ y: Double) {
        let c = Int((x * columnsPerUnit).rounded(.down))
        if count > 0 && c != column { flushColumn() }
        let p = Point(x, y)
        if count == 0 {
            column = c
            first = p; low = p; high = p
            lowIndex = 0; highIndex = 0
        } else {
            if y < low.y { low = p; lowIndex = count }
            if y > high.y { high = p; highIndex = count }
        }
        last = p
        lastIndex = count
        count += 1
    }

    /// Ends the current column and returns the decimated run so far, starting a new one.
    mutating func finishRun() -> [Point] {
        flushColumn()
        defer { output.removeAll(keepingCapacity: true) }
        return output
    }

    private mutating func flushColumn() {
        guard count > 0 else { return }
        output.append(first)
        let (a, ai, b, bi) = lowIndex <= highIndex ? (low, lowIndex, high, highIndex) : (high, highIndex, low, lowIndex)
        if ai != 0 { output.append(a) }
        if bi != 0 && bi != ai { output.append(b) }
        if lastIndex != 0 && lastIndex != ai && lastIndex != bi { output.append(last) }
        count = 0
    }
}
