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

/// With `--log-format json`, standard error holds only JSON objects, whatever writes there: the command's
/// own errors, the resync plan under `--json`, usage errors, `check`'s lines about MongoDB. Results stay on
/// standard output (text, or `--json`). Before, those lines were plain text.
@Suite struct CLILogStreamTests {
    static func expectOnlyJSON(_ errors: String, _ what: String) throws -> [[String: Any]] {
        var objects: [[String: Any]] = []
        for line in errors.split(separator: "\n") {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object != nil, "\(what): a plain line on standard error: \(line.prefix(400))…\(line.suffix(200))")
            if let object { objects.append(object) }
        }
        return objects
    }

    @Test func everyLineOnStandardErrorIsJSON() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            let plan = try await CLITests.boardsync(
                ["resync", "--dry-run", "--json", "--log-format", "json"], database: database.name)
            let notes = try Self.expectOnlyJSON(plan.errors, "resync --dry-run --json")
            #expect(notes.contains { ($0["message"] as? String)?.contains("Plan for plane-acme") == true })
            #expect(CLIExitCodeTests.jsonObject(plan.output)?["created"] as? Int == 62, "the summary is the result")

            try await SyncWorld.setIntegration(database, ["credentials": ["api_key_env": "BOARDSYNC_NO_SUCH_KEY"]])
            for arguments in [
                ["sync", "--log-format", "json"], ["check", "--log-format", "json"],
                ["sync", "--bogus", "--log-format", "json"],
                [
                    "status", "--log-format", "json", "--mongodb-uri",
                    "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200",
                ],
            ] {
                let result = try await CLITests.boardsync(arguments, database: database.name)
                #expect(result.status == 2 || result.status == 1, "\(arguments): \(result.status)")
                let lines = try Self.expectOnlyJSON(result.errors, "\(arguments)")
                if arguments[0] != "check" {
                    #expect(lines.contains { $0["level"] as? String == "error" }, "\(arguments): \(result.errors)")
                }
            }
            // The environment chooses it too.
            var environment = ProcessInfo.processInfo.environment
            environment["BOARDSYNC_MONGODB_URI"] = try TestServer.uri()
            environment["BOARDSYNC_DATABASE"] = database.name
            environment["BOARDSYNC_LOG_FORMAT"] = "json"
            let fromEnvironment = try await ChildProcess.run(
                try BuiltExecutable.url(named: "boardsync"), arguments: ["sync"], environment: environment)
            _ = try Self.expectOnlyJSON(fromEnvironment.errors, "BOARDSYNC_LOG_FORMAT=json sync")
        }
    }
}
