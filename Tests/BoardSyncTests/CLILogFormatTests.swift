import BoardSyncTestSupport
import Foundation
import MongoDriver
import Testing

@testable import BoardSync

/// The real executable without a terminal: progress goes to the log, in the format asked for, with no key.
@Suite struct CLILogFormatTests {
    @Test func jsonLogsCarryTheProgressLinesAndNoKey() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            let result = try await CLITests.boardsync(["sync", "--log-format", "json"], database: database.name)
            #expect(result.status == 3, "\(result.errors)")
            let lines = result.errors.split(separator: "\n").filter { $0.hasPrefix("{") }
            let objects = try lines.map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            }
            let progress = try #require(
                objects.first { $0["label"] as? String == "boardsync.progress" }, "\(result.errors)")
            #expect(progress["level"] as? String == "info")
            #expect((progress["message"] as? String)?.contains("actions applied") == true)
            #expect((progress["metadata"] as? [String: String])?["integration"] == "plane-acme")
            #expect(!result.errors.contains("plane_api_") && !result.output.contains("plane_api_"))
            // The summary stays on standard output, as text.
            #expect(result.output.contains("62 created"), "\(result.output)")
        }
    }
}
