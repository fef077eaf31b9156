import CParallelZip
import Foundation
import SGDEngine

/// The five functions libxlsxwriter calls, from one writer: the real minizip or CParallelZip.
struct ZipFunctions: Sendable {
    typealias Handle = UnsafeMutableRawPointer
    var open: @Sendable (String) -> Handle?
    var openNewFile: @Sendable (Handle, ZipMember) -> Int32
    var write: @Sendable (Handle, UnsafeRawBufferPointer) -> Int32
    var closeFile: @Sendable (Handle) -> Int32
    var close: @Sendable (Handle, String?) -> Int32

    /// Debian's libminizip.so.1 (minizip 1.1-8+deb12u1), loaded on its own (RTLD_LOCAL): dlsym
    /// on its handle gives its own definitions, whatever the process exports.
    static let minizip: ZipFunctions = {
        guard let library = dlopen("libminizip.so.1", RTLD_NOW | RTLD_LOCAL) else {
            fatalError("libminizip.so.1 (Debian's libminizip1, which libxlsxwriter4 depends on) cannot be loaded: \(String(cString: dlerror()))")
        }
        func symbol<T>(_ name: String, _ type: T.Type) -> T { unsafeBitCast(dlsym(library, name)!, to: type) }
        typealias Open = @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutableRawPointer?
        typealias OpenNewFile = @convention(c) (
            UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafePointer<zip_fileinfo>?, UnsafeRawPointer?, UInt32,
            UnsafeRawPointer?, UInt32, UnsafePointer<CChar>?, Int32, Int32, Int32, Int32, Int32, Int32, UnsafePointer<CChar>?,
            UInt, UInt, UInt, Int32) -> Int32
        typealias Write = @convention(c) (UnsafeMutableRawPointer?, UnsafeRawPointer?, UInt32) -> Int32
        typealias CloseFile = @convention(c) (UnsafeMutableRawPointer?) -> Int32
        typealias Close = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32
        let open = symbol("zipOpen", Open.self), openNew = symbol("zipOpenNewFileInZip4_64", OpenNewFile.self)
        let write = symbol("zipWriteInFileInZip", Write.self), closeFile = symbol("zipCloseFileInZip", CloseFile.self)
        let close = symbol("zipClose", Close.self)
        return ZipFunctions(
            open: { open($0, 0) },
            openNewFile: { handle, m in m.call { openNew(handle, $0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) } },
            write: { write($0, $1.baseAddress, UInt32($1.count)) },
            closeFile: { closeFile($0) },
            close: { handle, comment in comment == nil ? close(handle, nil) : close(handle, comment!) })
    }()

    /// CParallelZip with `workers` threads, a `cap` on buffered bytes and a streaming `threshold` (0: its defaults).
    static func parallel(workers: Int32, cap: UInt64 = 0, threshold: UInt64 = 0, threads: ThreadCount? = nil) -> ZipFunctions {
        ZipFunctions(
            open: { sgd_zip_open($0, 0, workers, cap, threshold) },
            openNewFile: { handle, m in m.call { sgd_zip_open_new_file(handle, $0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) } },
            write: { sgd_zip_write($0, $1.baseAddress, UInt32($1.count)) },
            closeFile: { sgd_zip_close_file($0) },
            close: { handle, comment in
                threads?.value = sgd_zip_threads_started(handle)
                return comment == nil ? sgd_zip_close(handle, nil) : sgd_zip_close(handle, comment!)
            })
    }
}

/// Where a test reads how many threads a writer started (set just before its zipClose).
final class ThreadCount: @unchecked Sendable {
    var value: Int32 = -1
}

/// One member and the zipOpenNewFileInZip4_64 arguments it is opened with; by default those
/// libxlsxwriter 1.1.4 passes (packager.c: 1980-01-01, Z_DEFLATED, Z_DEFAULT_COMPRESSION,
/// -MAX_WBITS, DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY), and its bytes in 16 KiB pieces as it writes them.
struct ZipMember: Sendable {
    var name: String?
    var pieces: [[UInt8]]
    var info: zip_fileinfo? = ZipMember.libxlsxwriterInfo
    var method: Int32 = 8, level: Int32 = -1, raw: Int32 = 0, windowBits: Int32 = -15, memLevel: Int32 = 8, strategy: Int32 = 0
    var extraLocal: [UInt8] = [], extraGlobal: [UInt8] = []
    var comment: String? = nil
    var versionMadeBy: UInt = 0, flagBase: UInt = 0
    var zip64: Int32 = 0

    static let libxlsxwriterInfo = zip_fileinfo(
        tmz_date: tm_zip(tm_sec: 0, tm_min: 0, tm_hour: 0, tm_mday: 1, tm_mon: 0, tm_year: 1980), dosDate: 0, internal_fa: 0, external_fa: 0)

    init(_ name: String?, _ bytes: [UInt8], pieceSize: Int = 16384) {
        self.name = name
        pieces = stride(from: 0, to: bytes.count, by: pieceSize).map { Array(bytes[$0..<min($0 + pieceSize, bytes.count)]) }
    }

    init(_ name: String?, pieces: [[UInt8]]) {
        self.name = name
        self.pieces = pieces
    }

    /// Calls `body` with zipOpenNewFileInZip4_64's arguments after the handle.
    func call(
        _ body: (UnsafePointer<CChar>?, UnsafePointer<zip_fileinfo>?, UnsafeRawPointer?, UInt32, UnsafeRawPointer?, UInt32,
                 UnsafePointer<CChar>?, Int32, Int32, Int32, Int32, Int32, Int32, UnsafePointer<CChar>?, UInt, UInt, UInt, Int32) -> Int32
    ) -> Int32 {
        var info = self.info ?? ZipMember.libxlsxwriterInfo
        let hasInfo = self.info != nil
        return withOptionalCString(name) { name in
            withOptionalCString(comment) { comment in
                extraLocal.withUnsafeBytes { local in
                    extraGlobal.withUnsafeBytes { global in
                        withUnsafePointer(to: &info) { info in
                            body(name, hasInfo ? info : nil, extraLocal.isEmpty ? nil : local.baseAddress, UInt32(extraLocal.count),
                                 extraGlobal.isEmpty ? nil : global.baseAddress, UInt32(extraGlobal.count), comment, method, level, raw,
                                 windowBits, memLevel, strategy, nil, 0, versionMadeBy, flagBase, zip64)
                        }
                    }
                }
            }
        }
    }
}

func withOptionalCString<R>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let text else { return body(nil) }
    return text.withCString { body($0) }
}

/// What writing an archive gave: the file's bytes and every call's result, in order.
struct ZipOutcome: Equatable {
    var bytes: [UInt8]
    var results: [Int32]
}

/// Writes `members` (and `comment`) to `path` through `zip`, as libxlsxwriter does: open,
/// then each member opened, written piece by piece, closed, then the archive closed. Stops a
/// member at its first failed call, as libxlsxwriter does (it then closes the archive).
func writeArchive(_ members: [ZipMember], comment: String? = nil, to path: String, with zip: ZipFunctions) -> ZipOutcome? {
    guard let handle = zip.open(path) else { return nil }
    var results: [Int32] = []
    for member in members {
        let opened = zip.openNewFile(handle, member)
        results.append(opened)
        guard opened == 0 else { break }
        var failed = false
        for piece in member.pieces {
            let written = piece.withUnsafeBytes { zip.write(handle, $0) }
            results.append(written)
            if written < 0 { failed = true; break }
        }
        if failed { break }
        let closed = zip.closeFile(handle)
        results.append(closed)
        if closed != 0 { break }
    }
    results.append(zip.close(handle, comment))
    let bytes = (try? Data(contentsOf: URL(fileURLWithPath: path))).map { [UInt8]($0) } ?? []
    return ZipOutcome(bytes: bytes, results: results)
}

/// A repeatable stream of bytes (SplitMix64).
struct SeededBytes {
    private var generator: SeededGenerator

    init(state: UInt64) { generator = SeededGenerator(seed: state) }

    mutating func next() -> UInt64 { generator.next() }

    /// Incompressible bytes.
    mutating func random(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }

    /// Text like a worksheet's XML: compressible, and what zlib calls text (internal attribute 1).
    mutating func sheetXML(_ count: Int) -> [UInt8] {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sheetData>"
        var row = 1
        while text.utf8.count < count {
            text += "<row r=\"\(row)\"><c r=\"A\(row)\"><v>\(Double(next() % 1_000_000) / 997)</v></c><c r=\"B\(row)\"><f>B\(row - 1)-0.0001*C\(row)</f><v>\(next() % 10_000)</v></c></row>"
            row += 1
        }
        return Array(text.utf8.prefix(count))
    }
}
