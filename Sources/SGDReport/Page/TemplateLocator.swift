import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Finds the default templates from wherever sgdreport runs: the folder of the real
/// executable (symbolic links resolved) and the folders above it — so
/// `.build/release/sgdreport` finds the repository's `Templates/` — then an installed
/// `<prefix>/share/sgdreport/Templates` beside `<prefix>/bin/sgdreport`.
enum TemplateLocator {
    static let folderName = "Templates"
    /// The file that marks a folder as sgdreport's templates.
    static let marker = "study.mustache"

    /// The folder, or an error that says where it looked and what to do.
    static func defaultDirectory(executable: String? = executablePath()) throws(BuildError) -> String {
        guard let executable else {
            throw BuildError.templates(reason: "cannot tell where the sgdreport program is, to find its templates\n  hint: pass --templates DIR, a folder with study.mustache, index.mustache and style.css (the repository's Templates/)")
        }
        let places = candidates(executable: executable)
        for place in places where FileManager.default.fileExists(atPath: place + "/" + marker) {
            return place
        }
        let folder = (executable as NSString).deletingLastPathComponent
        let share = places.last ?? ""
        throw BuildError.templates(reason: """
            no templates found: looked for \(folderName)/\(marker) in \(folder) and every folder above it, and in \(share)
              hint: pass --templates DIR (a folder with study.mustache, index.mustache and style.css, like the repository's Templates/), or install them to \(share) (the repository's `make install PREFIX=…` installs the program and its templates together)
            """)
    }

    /// Where to look, in order.
    static func candidates(executable: String) -> [String] {
        var places: [String] = []
        var folder = (executable as NSString).deletingLastPathComponent
        let binFolder = folder
        while true {
            places.append(folder == "/" ? "/" + folderName : folder + "/" + folderName)
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || folder.isEmpty { break }
            folder = parent
        }
        places.append(((binFolder as NSString).deletingLastPathComponent as NSString).appendingPathComponent("share/sgdreport/\(folderName)"))
        return places
    }

    /// The running program's real path: `/proc/self/exe` resolved, else what Foundation says.
    static func executablePath() -> String? {
        if let resolved = realpath("/proc/self/exe", nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath().path
    }
}
