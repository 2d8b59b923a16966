import Foundation
import SyncReports
import Testing

/// Keeps `docs/conflict-report-example.html` in step with the renderer.
///
/// Regenerate it (and then the screenshot) with:
///
///     BOARDSYNC_WRITE_EXAMPLES=1 swift test --filter ExampleReportTests
///     chromium --headless --no-sandbox --disable-gpu --screenshot=docs/conflict-report.png \
///         --window-size=1280,1600 file://$PWD/docs/conflict-report-example.html
@Suite struct ExampleReportTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/conflict-report-example.html")

    static var html: String {
        ConflictHTMLRenderer(title: "BoardSync conflicts", generatedAt: SampleConflicts.date("2026-11-25T12:00:00Z"))
            .page(SampleConflicts.records)
    }

    @Test func committedExampleMatchesTheRenderer() throws {
        if ProcessInfo.processInfo.environment["BOARDSYNC_WRITE_EXAMPLES"] == "1" {
            try FileManager.default.createDirectory(
                at: Self.path.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Self.html.write(to: Self.path, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: Self.path, encoding: .utf8)
        #expect(committed == Self.html, "run: BOARDSYNC_WRITE_EXAMPLES=1 swift test --filter ExampleReportTests")
    }
}
