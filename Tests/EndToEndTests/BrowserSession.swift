import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium driven through Debian's `chromedriver` over WebDriver (JSON over HTTP),
/// with Chrome DevTools commands for what WebDriver lacks: full-page screenshots, a phone's
/// screen and dark mode.
///
/// HTTP goes over a plain socket (`LoopbackHTTP`): corelibs Foundation's URLSession cannot
/// talk to chromedriver ("Failed writing header",
/// https://github.com/swiftlang/swift-corelibs-foundation/issues/4965).
final class BrowserSession {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct LogEntry: CustomStringConvertible {
        var level: String
        var message: String
        var description: String { "\(level): \(message)" }
    }

    static let chromedriverPaths = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
    static let chromiumPaths = ["/usr/bin/chromium", "/usr/lib/chromium/chromium"]

    private let driver: Process
    private let profile: URL
    private let port: Int
    private var session = ""

    /// Starts chromedriver on a free port and opens a browser window of `width`×`height` CSS px.
    init(width: Int = 1280, height: Int = 2000) throws {
        guard let driverPath = Self.chromedriverPaths.first(where: FileManager.default.isExecutableFile(atPath:)),
            let chromiumPath = Self.chromiumPaths.first(where: FileManager.default.isExecutableFile(atPath:))
        else {
            throw Failure(description: """
                headless Chromium is not installed (looked for chromium in \(Self.chromiumPaths.joined(separator: ", ")) \
                and chromedriver in \(Self.chromedriverPaths.joined(separator: ", "))); \
                run `make test`, which installs Debian's chromium and chromium-driver
                """)
        }
        port = try Self.freePort()
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("sgdreport-chromium-\(UUID().uuidString)")
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: driverPath)
        driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        do {
            try waitUntilReady()
            let capabilities: [String: Any] = [
                "capabilities": [
                    "alwaysMatch": [
                        "browserName": "chrome",
                        "goog:chromeOptions": [
                            "binary": chromiumPath,
                            "args": [
                                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                "--hide-scrollbars", "--window-size=\(width),\(height)", "--user-data-dir=\(profile.path)",
                                "--no-first-run", "--no-default-browser-check",
                            ],
                        ],
                        "goog:loggingPrefs": ["browser": "ALL"],
                    ] as [String: Any],
                ],
            ]
            let created = try request("POST", "/session", capabilities)
            guard let value = created as? [String: Any], let id = value["sessionId"] as? String else {
                throw Failure(description: "chromedriver did not open a session: \(String(describing: created))")
            }
            session = id
        } catch {
            stop()
            throw error
        }
    }

    /// Ends the browser and the driver.
    func close() {
        if !session.isEmpty { _ = try? request("DELETE", "/session/\(session)", nil) }
        stop()
    }

    /// Asks chromedriver to shut down, then makes sure: a child of the test runner may
    /// inherit a signal mask that ignores SIGTERM, so the last word is SIGKILL.
    private func stop() {
        if driver.isRunning {
            _ = try? LoopbackHTTP.send("GET", "/shutdown", port: port, body: nil, timeout: 5)
            for _ in 0..<50 where driver.isRunning { Thread.sleep(forTimeInterval: 0.1) }
            if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
            driver.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: profile)
    }

    // MARK: Pages

    func open(_ url: URL) throws {
        _ = try request("POST", "/session/\(session)/url", ["url": url.absoluteString])
    }

    /// Runs `script` (a function body) in the page and returns its result.
    func execute(_ script: String, arguments: [Any] = []) throws -> Any? {
        try request("POST", "/session/\(session)/execute/sync", ["script": script, "args": arguments])
    }

    /// The `src` of every image that did not load (not complete, or no pixels).
    func brokenImages() throws -> [String] {
        let value = try execute("""
            return Array.from(document.images)
              .filter(function (image) { return !image.complete || image.naturalWidth === 0; })
              .map(function (image) { return image.getAttribute('src'); });
            """)
        guard let sources = value as? [String] else { throw Failure(description: "WebDriver: the list of broken images is \(String(describing: value))") }
        return sources
    }

    /// The browser console since the last call (chromedriver hands each entry out once).
    func consoleLog() throws -> [LogEntry] {
        let value = try request("POST", "/session/\(session)/se/log", ["type": "browser"])
        guard let entries = value as? [[String: Any]] else { throw Failure(description: "WebDriver: the console log is \(String(describing: value))") }
        return try entries.map {
            guard let level = $0["level"] as? String, let message = $0["message"] as? String else {
                throw Failure(description: "WebDriver: a console entry without level or message: \($0)")
            }
            return LogEntry(level: level, message: message)
        }
    }

    /// A Chrome DevTools Protocol command.
    @discardableResult
    func devTools(_ command: String, _ parameters: [String: Any] = [:]) throws -> [String: Any] {
        let value = try request("POST", "/session/\(session)/goog/cdp/execute", ["cmd": command, "params": parameters])
        return value as? [String: Any] ?? [:]
    }

    /// Emulates a phone's screen: `width` CSS px wide, at twice the pixels, with touch layout.
    func emulatePhone(width: Int = 390, height: Int = 844) throws {
        try devTools("Emulation.setDeviceMetricsOverride", [
            "width": width, "height": height, "deviceScaleFactor": 2, "mobile": true,
        ])
    }

    func emulateColorScheme(_ scheme: String) throws {
        try devTools("Emulation.setEmulatedMedia", ["features": [["name": "prefers-color-scheme", "value": scheme]]])
    }

    /// The whole page as a PNG, not only the window.
    func fullPageScreenshot() throws -> Data {
        let metrics = try devTools("Page.getLayoutMetrics")
        let size = metrics["cssContentSize"] as? [String: Any] ?? [:]
        let width = (size["width"] as? Double) ?? 1280, height = (size["height"] as? Double) ?? 2000
        let shot = try devTools("Page.captureScreenshot", [
            "format": "png", "captureBeyondViewport": true,
            "clip": ["x": 0, "y": 0, "width": width, "height": min(height, 16000), "scale": 1],
        ])
        guard let base64 = shot["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw Failure(description: "no screenshot data")
        }
        return data
    }

    /// The part of the page that the element matching `selector` covers, as a PNG; nil when
    /// no element matches.
    func screenshot(of selector: String) throws -> Data? {
        let rect = try execute("""
            var e = document.querySelector(arguments[0]);
            if (!e) { return null; }
            var r = e.getBoundingClientRect();
            return [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height];
            """, arguments: [selector]) as? [Double]
        guard let rect, rect.count == 4, rect[2] > 0, rect[3] > 0 else { return nil }
        let shot = try devTools("Page.captureScreenshot", [
            "format": "png", "captureBeyondViewport": true,
            "clip": ["x": rect[0], "y": rect[1], "width": rect[2], "height": min(rect[3], 16000), "scale": 1],
        ])
        return (shot["data"] as? String).flatMap { Data(base64Encoded: $0) }
    }

    // MARK: WebDriver over HTTP

    private func waitUntilReady() throws {
        for _ in 0..<100 {
            if let status = try? request("GET", "/status", nil) as? [String: Any], status["ready"] as? Bool == true {
                return
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failure(description: "chromedriver did not start within 10 seconds")
    }

    /// Sends a WebDriver command; returns its `value`, or throws the driver's error.
    private func request(_ method: String, _ path: String, _ body: [String: Any]?) throws -> Any? {
        let data = try LoopbackHTTP.send(method, path, port: port, body: body.map { try JSONSerialization.data(withJSONObject: $0) })
        let json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        let value = (json as? [String: Any])?["value"]
        if let error = value as? [String: Any], let kind = error["error"] as? String {
            throw Failure(description: "WebDriver \(method) \(path): \(kind): \(error["message"] as? String ?? "")")
        }
        return value
    }

    /// A TCP port nobody listens on now: bind to port 0 and ask which port the system chose.
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "cannot open a socket") }
        defer { _ = Glibc.close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Just enough HTTP/1.1 for chromedriver on 127.0.0.1: one request per connection.
enum LoopbackHTTP {
    /// Sends the request and returns the response body (any status: WebDriver errors are JSON too).
    static func send(_ method: String, _ path: String, port: Int, body: Data?, timeout: Int = 120) throws -> Data {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BrowserSession.Failure(description: "cannot open a socket") }
        defer { _ = Glibc.close(descriptor) }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { throw BrowserSession.Failure(description: "cannot connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))") }
        let payload = body ?? Data()
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nAccept: application/json\r\n"
        if body != nil { request += "Content-Type: application/json; charset=utf-8\r\n" }
        request += "Content-Length: \(payload.count)\r\n\r\n"
        let bytes = Array(request.utf8) + [UInt8](payload)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw BrowserSession.Failure(description: "cannot send to chromedriver: \(String(cString: strerror(errno)))") }
            sent += n
        }
        // Read the head, then as much body as Content-Length says (chromedriver may keep the
        // connection open despite "Connection: close"), or to the end for chunked replies.
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if let expected = expectedLength(of: response), response.count >= expected { break }
            let n = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw BrowserSession.Failure(description: "no answer from chromedriver to \(method) \(path): \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            response += buffer[0..<n]
            if isCompleteChunked(response) { break }
        }
        return try Self.body(of: response)
    }

    private static func headEnd(_ response: [UInt8]) -> Int? {
        guard response.count >= 4 else { return nil }
        return (0...(response.count - 4)).first { response[$0] == 13 && response[$0 + 1] == 10 && response[$0 + 2] == 13 && response[$0 + 3] == 10 }
    }

    /// Head plus Content-Length, once the head has arrived and names a length.
    private static func expectedLength(of response: [UInt8]) -> Int? {
        guard let end = headEnd(response) else { return nil }
        let head = String(decoding: response[..<end], as: UTF8.self).lowercased()
        guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
            let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        else { return nil }
        return end + 4 + length
    }

    private static func isCompleteChunked(_ response: [UInt8]) -> Bool {
        guard let end = headEnd(response),
            String(decoding: response[..<end], as: UTF8.self).lowercased().contains("transfer-encoding: chunked")
        else { return false }
        return response.count >= 5 && Array(response.suffix(5)) == Array("0\r\n\r\n".utf8)
    }

    /// The body of a raw response: after the blank line, de-chunked if need be.
    static func body(of response: [UInt8]) throws -> Data {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0...max(0, response.count - 4)).first(where: { Array(response[$0..<min($0 + 4, response.count)]) == separator }) else {
            throw BrowserSession.Failure(description: "a malformed HTTP response from chromedriver")
        }
        let head = String(decoding: response[..<end], as: UTF8.self).lowercased()
        var body = Array(response[(end + 4)...])
        if head.contains("transfer-encoding: chunked") {
            var decoded: [UInt8] = []
            var i = 0
            while i < body.count {
                guard let lineEnd = (i..<(body.count - 1)).first(where: { body[$0] == 13 && body[$0 + 1] == 10 }),
                    let size = Int(String(decoding: body[i..<lineEnd], as: UTF8.self).split(separator: ";")[0], radix: 16)
                else { break }
                if size == 0 { break }
                let start = lineEnd + 2
                decoded += body[start..<min(start + size, body.count)]
                i = start + size + 2
            }
            body = decoded
        }
        return Data(body)
    }
}
