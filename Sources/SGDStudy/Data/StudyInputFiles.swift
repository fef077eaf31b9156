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
            files.append(InputFile(copyPath: "data/\(Self.inputCopySlug(files.count + 1)).csv", data: data))
        }
        return files
    }

    /// The copy's file name in `data/`, without `.csv`, of the `number`th CSV file (from 1): `input`, `input-2`, …
    static func inputCopySlug(_ number: Int) -> String {
        number == 1 ? "input" : "input-\(number)"
    }

    /// The slugs of the copies `inputFiles` will make, for runs not yet gathered into a study;
    /// a signal must not take one (`SlugCollisions.Owner.inputCopy`).
    static func inputCopies(of runs: [Run]) -> [(file: String, slug: String)] {
        var files: [StudyFolderPath] = []
        for run in runs {
            guard case .csv(let data) = run.data, !files.contains(where: { $0.resolved == data.file.resolved }) else { continue }
            files.append(data.file)
        }
        return files.enumerated().map { ($1.written, inputCopySlug($0 + 1)) }
    }
}
