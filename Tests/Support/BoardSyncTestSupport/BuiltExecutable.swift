import Foundation
import Testing

/// Executables of this package, built by `swift test` beside the test bundle, for tests that run them
/// as real processes.
public enum BuiltExecutable {
    public struct NotBuilt: Error {}

    /// `BOARDSYNC_TEST_EXECUTABLES=DIR` runs the process tests against the executables in DIR instead
    /// (an older build, to see a test fail before its fix).
    public static func url(named name: String) throws -> URL {
        if let other = ProcessInfo.processInfo.environment["BOARDSYNC_TEST_EXECUTABLES"], !other.isEmpty {
            let candidate = URL(fileURLWithPath: other).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        Issue.record("\(name) not found near \(Bundle.main.bundleURL.path); run `swift build` first")
        throw NotBuilt()
    }

    /// The package's root directory (where `fixtures/` is), from a test file's `#filePath`.
    public static func packageRoot(from filePath: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: filePath)
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }
}
