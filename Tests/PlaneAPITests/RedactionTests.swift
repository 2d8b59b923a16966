import Foundation
import PlaneAPI
import Testing

/// The API key never shows in an error, a description or a dump, even when Plane echoes it.
@Suite struct RedactionTests {
    private let key = makeTestKey()

    private func echo(_ status: Int) -> ScriptedTransport.Step {
        .respond(.json(status, #"{"detail": "token \#(key) refused", "name": ["bad \#(key)"], "id": "x"}"#))
    }

    private func expectNoKey(_ value: Any, sourceLocation: SourceLocation = #_sourceLocation) {
        var dumped = ""
        dump(value, to: &dumped)
        for text in [String(describing: value), String(reflecting: value), dumped] {
            #expect(!text.contains(key), "key leaked: \(text.prefix(200))", sourceLocation: sourceLocation)
            #expect(!text.contains(String(key.dropFirst(10))), sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [400, 401, 403, 404, 405, 409, 413, 500, 502])
    func errorDescriptionsNeverContainTheKey(status: Int) async throws {
        let client = makeClient(ScriptedTransport(fallback: echo(status)), key: key)
        let errors = [
            await planeError { try await client.createWorkItem(project: testProject, .init(name: "x")) },
            await planeError { try await client.workItem(project: testProject, id: testItem) },
            await planeError { try await client.updateWorkItem(project: testProject, id: testItem, .init(name: "x")) },
            await planeError { try await client.deleteWorkItem(project: testProject, id: testItem) },
            await planeError {
                try await client.lookUpWorkItem(project: testProject, externalID: "e", externalSource: "s")
            },
        ]
        // a 404 on the lookup is an answer (nil), not an error
        #expect(errors.compactMap { $0 }.count == (status == 404 ? 4 : 5))
        for error in errors.compactMap({ $0 }) {
            expectNoKey(error)
            if status != 500 && status != 502 { #expect(error.message?.contains("[redacted]") == true) }
        }
    }

    @Test func transportAndDecodingErrorsNeverContainTheKey() async throws {
        let client = makeClient(
            ScriptedTransport([.fail(.other), .fail(.timeout), .respond(.json(200, #"{"id": 5, "x": "\#(key)"}"#))]),
            key: key, retry: PlaneRetryPolicy(maxAttempts: 1))
        expectNoKey(try #require(await planeError { try await client.me() }))
        expectNoKey(
            try #require(await planeError { try await client.createWorkItem(project: testProject, .init(name: "x")) }))
        expectNoKey(try #require(await planeError { try await client.me() }))
    }

    @Test func keyConfigurationAndClientDumpsAreRedacted() {
        let apiKey = PlaneAPIKey(key)
        #expect(apiKey.description.hasPrefix("PlaneAPIKey(redacted"))
        #expect(apiKey.fingerprint.count == 12)
        expectNoKey(apiKey)
        expectNoKey("\(apiKey)")
        let client = makeClient(ScriptedTransport(), key: key)
        expectNoKey(client.configuration)
        expectNoKey(client)
        let registry = PlanePacerRegistry()
        _ = registry.pacer(for: apiKey, limit: .planeDefault, clock: ContinuousClock())
        expectNoKey(registry)
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(
            PlaneAPIKey("").fingerprint == "e3b0c44298fc")
        #expect(
            PlaneAPIKey("abc").description == "PlaneAPIKey(redacted, sha256:ba7816bf8f01)")
        let long = String(repeating: "a", count: 1000)
        #expect(PlaneAPIKey(long).fingerprint == "41edece42d63")
    }
}
