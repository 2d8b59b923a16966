import Foundation
import Logging
import Synchronization
import Testing

@testable import BoardSync

/// `--log-format human|json`: the lines' shape, and secrets removed from messages and metadata.
@Suite struct LogFormatTests {
    static let key = "plane_api_" + String(repeating: "ab", count: 16)

    @Test func redactionRemovesKeysURIPasswordsAndKeyHeaders() {
        #expect(LogRedaction.redact("key \(Self.key) refused") == "key plane_api_[redacted] refused")
        #expect(
            LogRedaction.redact("cannot reach mongodb://boardsync:s3cr3t@mongo-0:27017/?replicaSet=rs0")
                == "cannot reach mongodb://[redacted]@mongo-0:27017/?replicaSet=rs0")
        #expect(LogRedaction.redact("X-Api-Key: abc123 sent") == "X-Api-Key: [redacted] sent")
        #expect(LogRedaction.redact("{\"x-api-key\": \"abc123\"}") == "{\"x-api-key\": \"[redacted]\"}")
        #expect(LogRedaction.redact("nothing secret here") == "nothing secret here")
    }

    @Test func jsonLinesAreOneObjectWithRedactedMessageAndMetadata() throws {
        let handler = BoardSyncLogHandler(label: "boardsync", format: .json)
        let line = handler.render(
            level: .warning, message: "Plane refused \(Self.key)",
            metadata: ["uri": "mongodb://u:pw@host/", "integration": "plane-acme"],
            time: Date(timeIntervalSince1970: 0))
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "warning")
        #expect(object["label"] as? String == "boardsync")
        #expect(object["time"] as? String == "1970-01-01T00:00:00Z")
        #expect(object["message"] as? String == "Plane refused plane_api_[redacted]")
        let metadata = try #require(object["metadata"] as? [String: String])
        #expect(metadata == ["uri": "mongodb://[redacted]@host/", "integration": "plane-acme"])
        #expect(!line.contains(Self.key) && !line.contains("pw@"))
    }

    @Test func humanLinesCarryTimeLevelLabelAndSortedMetadata() {
        let handler = BoardSyncLogHandler(label: "boardsync.progress", format: .human)
        let line = handler.render(
            level: .info, message: "62 of 124 actions applied", metadata: ["total": "124", "applied": "62"],
            time: Date(timeIntervalSince1970: 0))
        #expect(line == "1970-01-01T00:00:00Z info boardsync.progress: 62 of 124 actions applied applied=62 total=124")
    }

    @Test func aLoggerWritesThroughTheHandlerAtItsLevel() {
        let lines = LockedLines()
        var handler = BoardSyncLogHandler(label: "boardsync", format: .json, write: { lines.append($0) })
        handler.logLevel = .info
        let logger = Logger(label: "boardsync", factory: { _ in handler })
        logger.debug("not shown")
        logger.info("shown", metadata: ["key": "\(Self.key)"])
        #expect(lines.all.count == 1)
        #expect(lines.all.first?.contains("plane_api_[redacted]") == true)
    }
}

final class LockedLines: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    var all: [String] { lines.withLock { $0 } }
}
