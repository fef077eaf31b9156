extension Study {
    /// A CSV file the study's runs read, and where its copy goes in the report.
    public struct InputFile: Sendable {
        /// Relative to the study folder: `data/input.csv`, then `data/input-2.csv`, … for a
        /// study whose runs read several files.
        public var copyPath: String
        /// The settings and rows read from the file.
        public var data: CSVData
    }

    /// Each distinct CSV file the runs read, in the order the runs first name it (SPEC §4.2: the
    /// CSV is copied into the study folder as `data/input.csv`).
    public var inputFiles: [InputFile] {
        var files: [InputFile] = []
        for run in runs {
            guard case .csv(let data) = run.data, !files.contains(where: { $0.data.file.resolved == data.file.resolved }) else { continue }
            let name = files.isEmpty ? "data/input.csv" : "data/input-\(files.count + 1).csv"
            files.append(InputFile(copyPath: name, data: data))
        }
        return files
    }
}
