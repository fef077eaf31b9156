/// sgdreport's version, shown by `--version`, written into `study.json` and on every page.
public enum SGDReportVersion {
    public static let current = "0.1.0"
    public static var generator: String { "sgdreport \(current)" }
}
