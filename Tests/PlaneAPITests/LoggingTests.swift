import Foundation
import InMemoryLogging
import Logging
import PlaneAPI
import Testing

@Suite struct LoggingTests {
    @Test func retriesThrottlesAndUnknownOutcomesAreLoggedWithoutTheKey() async throws {
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
        ])
        let configuration = PlaneClientConfiguration(
            baseURL: URL(string: "http://plane.test/api/v1")!, apiKey: PlaneAPIKey(key), workspaceSlug: "acme",
            retry: PlaneRetryPolicy(random: { 0 }))
        let client = PlaneClient(
            configuration: configuration, transport: transport, clock: FakeClock(), pacers: PlanePacerRegistry(),
            logger: logger)
        _ = try await client.me()
        _ = await planeError { try await client.createWorkItem(project: testProject, .init(name: "x")) }
        let entries = logs.entries
        #expect(entries.map(\.level) == [.info, .debug, .info])
        #expect(entries[0].metadata["plane.endpoint"] == "GET /users/me/")
        #expect(entries[2].message.description.contains("outcome unknown"))
        for entry in entries {
            #expect(!"\(entry.message) \(entry.metadata)".contains(key))
        }
    }
}
