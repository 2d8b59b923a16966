import Foundation
import InMemoryLogging
import Logging
import PlaneAPI
import Testing

@Suite struct LoggingTests {
    @Test func throttlesRetriesTimeoutsAndUnknownOutcomesAreLoggedWithThePathNeverTheKey() async throws {
        var handler = InMemoryLogHandler()
        handler.logLevel = .trace
        let logs = handler
        let logger = Logger(label: "test", factory: { _ in logs })
        let key = makeTestKey()
        let transport = ScriptedTransport([
            .respond(.json(429, "{}", headers: ["Retry-After": "2"])),
            .respond(.json(503, #"{"error": "down \#(key)"}"#)),
            .respond(.json(200, #"{"id": "u"}"#)),
            .fail(.timeout),
            .respond(.json(200, #"{"id": "\#(testItem)", "name": "x"}"#)),
            .fail(.timeout),
        ])
        let client = makeClient(
            transport, key: key, retry: PlaneRetryPolicy(maxAttempts: 3, random: { 0 }), logger: logger)
        _ = try await client.me()
        _ = try await client.workItem(project: testProject, id: testItem)
        _ = await planeError { try await client.createWorkItem(project: testProject, .init(name: "x")) }
        let entries = logs.entries
        #expect(entries.map(\.level) == [.warning, .warning, .warning, .warning])
        #expect(entries[0].message.description.contains("429"))
        #expect(entries[0].metadata["plane.path"] == "/users/me/")
        #expect(entries[0].metadata["plane.retry_after"] == "2.0 seconds")
        #expect(entries[1].message.description.contains("status 503"))
        #expect(
            entries[2].message.description.contains("timed out") || entries[2].message.description.contains("timeout"))
        #expect(entries[2].metadata["plane.item"] == .string(testItem))
        #expect(entries[2].metadata["plane.path"]?.description.contains(testItem) == true)
        #expect(entries[3].message.description.contains("outcome unknown"))
        #expect(entries[3].metadata["plane.method"] == "POST")
        #expect(client.stats.timeouts == 2)
        for entry in entries {
            #expect(!"\(entry.message) \(entry.metadata)".contains(key))
        }
    }

    @Test func aRequestThatKeepsFailingLogsWhenItGivesUp() async throws {
        var handler = InMemoryLogHandler()
        handler.logLevel = .trace
        let logs = handler
        let client = makeClient(
            ScriptedTransport(fallback: .fail(.connectionLost)), retry: PlaneRetryPolicy(maxAttempts: 2, random: { 0 }),
            logger: Logger(label: "test", factory: { _ in logs }))
        _ = await planeError { try await client.me() }
        #expect(logs.entries.count == 2)
        #expect(logs.entries.last?.message.description.contains("giving up") == true)
    }
}
