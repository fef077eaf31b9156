import CPango

/// fontconfig's configuration (an `FcConfig`) for Pango's font map: the same files and fonts
/// that `FcInit` loads, for less work.
///
/// `FcInit` (fontconfig 2.14, `FcInitLoadOwnConfig`) does three things: it loads the
/// configuration file (`FONTCONFIG_FILE`, else fonts.conf, with every file it includes: conf.d,
/// the user's ~/.config/fontconfig, local.conf), it *scans* every file of the templates folder
/// conf.avail without loading its rules (only for `FcConfigFileInfoIter`, what `fc-conflist`
/// lists), and it adds the default cache folders when the configuration names none. The scan is
/// ~10 M of FcInit's ~25 M instructions on Debian 12, for nothing a chart uses.
///
/// `loaded()` does the first and reads the fonts from the caches (`FcConfigBuildFonts`; no
/// font file is opened when the caches are current, as with FcInit); a configuration without a
/// cache folder is left to FcInit. Its rules and fonts are FcInit's, so every character gets
/// the font it got before, on any machine (tests compare both in `FontSetupTests`).
///
/// Pango's fontconfig font maps start `FcInit` on a thread of their own when the first is
/// created; `process` sets its configuration as fontconfig's current one first, so that this
/// `FcInit` has nothing left to do.
package enum FontConfiguration {
    /// The configuration loaded from `file` (nil: fontconfig's default file, as `FcInit`), with
    /// its fonts; a new reference (release it with `FcConfigDestroy`), or nil when the file
    /// cannot be loaded or names no cache folder (then `FcInit`'s fallbacks apply).
    package static func loaded(file: String? = nil) -> OpaquePointer? {
        guard let config = FcConfigCreate() else { return nil }
        let parsed = file.map { FcConfigParseAndLoad(config, $0, 1) } ?? FcConfigParseAndLoad(config, nil, 1)
        guard parsed != 0, hasCacheFolder(config), FcConfigBuildFonts(config) != 0 else {
            FcConfigDestroy(config)
            return nil
        }
        return config
    }

    /// The configuration exactly as `FcInit` loads it (conf.avail scanned too); a new reference.
    package static func fcInit() -> OpaquePointer? {
        FcInitLoadConfigAndFonts()
    }

    /// The process's configuration, loaded once: `loaded()` made fontconfig's current one (as
    /// `FcInit` would have made its own), or `fcInit()`'s when that fails.
    nonisolated(unsafe) package static let process: OpaquePointer? = {
        guard let config = loaded() else { return fcInit() }
        // The current configuration takes its own reference; this one is kept for the process.
        _ = FcConfigSetCurrent(config)
        return config
    }()

    private static func hasCacheFolder(_ config: OpaquePointer) -> Bool {
        guard let folders = FcConfigGetCacheDirs(config) else { return false }
        defer { FcStrListDone(folders) }
        return FcStrListNext(folders) != nil
    }
}
