import BoardSyncTestSupport
import Foundation
import PlaneSimulator
import TestClocks
import Testing

/// Replays every recorded request of a real Plane server against the simulator, in the order they were
/// recorded (the recorded `X-RateLimit-Remaining` values give that order), and compares status, headers
/// and bodies with generated ids mapped and timestamps masked.
@Suite struct SampleReplayTests {
    static let replayOrder = [
        "unknown-url", "auth-missing", "auth-bad-key", "wrong-project", "project-create", "users-me", "states-list",
        "labels-create", "labels-create-duplicate", "labels-list", "members-project", "members-workspace",
        "work-item-create", "work-item-create-duplicate-external", "work-item-lookup-external",
        "work-item-lookup-external-missing", "work-item-get", "work-item-get-after-bump", "work-item-patch",
        "work-item-patch-empty-description", "work-item-create-no-name", "work-item-create-long-name",
        "work-item-create-bad-priority", "work-item-create-bad-dates", "work-item-create-bad-date-format",
        "work-items-list-page1", "work-items-list-page2", "work-items-list-last", "work-items-list-fields",
        "work-items-list-expand", "work-items-list-per-page-1001", "work-items-list-bad-cursor",
        "work-item-link-create", "work-item-put", "work-item-delete", "work-item-get-deleted",
        "work-item-recreate-after-delete", "rate-limited-429",
    ]

    /// The recording's workspace and key owner; the project is created by the replay itself.
    static let seed = """
        {"workspace": {"id": "158b38bb-8565-4021-a184-8913d8ceb842", "slug": "acme", "name": "Acme"},
         "users": [{"id": "aeafc144-9a35-454c-afa5-f18ce77ff96e", "email": "sync@example.test",
                    "first_name": "Sync", "last_name": "Tester", "display_name": "sync", "workspace_role": 20}],
         "api_keys": [{"token": "plane_api_00000000000000000000000000000001", "user": "sync@example.test"}],
         "projects": []}
        """

    @Test func everySampleIsReplayed() throws {
        #expect(try RecordedSample.allNames() == Self.replayOrder.sorted())
    }

    @Test func replayMatchesRecordedResponses() async throws {
        let seed = try JSONDecoder().decode(PlaneSeed.self, from: Data(Self.seed.utf8))
        let configuration = PlaneSimulator.Configuration(seed: seed, bumpDelay: .milliseconds(15), logger: .silent())
        try await SimulatorHarness.with(configuration) { sim, plain in
            var client = plain
            client.apiKey = "plane_api_00000000000000000000000000000001"
            var ids = IDTranslator()
            for name in Self.replayOrder {
                let sample = try RecordedSample.load(name)
                if name == "work-items-list-page1" { try await Self.createFillers(sim, client, ids) }
                let result = try await Self.replay(sample, client, ids)
                ids.learn(sample: sample.body, sim: result.json)
                Self.compare(sample, result, ids)
                // Plane's delayed updated_at bump lands before the next request, as it did when recorded.
                #expect(await eventually { await sim.pendingBumps() == 0 }, "\(name): updated_at bump")
            }
        }
    }

    static func replay(_ sample: RecordedSample, _ client: TestClient, _ ids: IDTranslator) async throws
        -> HTTPResult
    {
        var client = client
        if !sample.auth { client.apiKey = nil }
        if sample.name == "auth-bad-key" { client.apiKey = "plane_api_ffffffffffffffffffffffffffffffff" }
        var path = "/api/v1" + ids.toSim(sample.path)
        guard sample.name == "rate-limited-429" else {
            return try await client.send(sample.method, path, json: sample.requestBody.map(ids.toSim))
        }
        let project = ids.simToSample.first { $0.value == "5977fa62-f41e-44a1-b797-631155bba37e" }?.key ?? ""
        path = path.replacingOccurrences(of: "{project_id}", with: project)
        for _ in 0..<100 {
            let result = try await client.send(sample.method, path)
            if result.status == 429 { return result }
        }
        Issue.record("never throttled")
        return try await client.send(sample.method, path)
    }

    /// The three items the recording created between the validation samples and the list samples.
    static func createFillers(_ sim: PlaneSimulator, _ client: TestClient, _ ids: IDTranslator) async throws {
        let path = "/api/v1" + ids.toSim("/workspaces/acme/projects/5977fa62-f41e-44a1-b797-631155bba37e/work-items/")
        for index in 0..<3 {
            let result = try await client.send(
                "POST", path,
                json: [
                    "name": .string("filler \(index)"), "external_id": .string("f\(index)"),
                    "external_source": "nexus",
                ])
            #expect(result.status == 201)
            #expect(await eventually { await sim.pendingBumps() == 0 })
        }
    }

    static func compare(_ sample: RecordedSample, _ result: HTTPResult, _ ids: IDTranslator) {
        let name = sample.name
        #expect(result.status == sample.status, "\(name): status")
        for header in ["x-ratelimit-remaining", "x-ratelimit-reset", "retry-after", "content-type"] {
            #expect((result.headers[header] != nil) == (sample.headers[header] != nil), "\(name): header \(header)")
        }
        if sample.status != 429 {
            #expect(result.headers["allow"] == sample.headers["allow"], "\(name): Allow")
            #expect(result.headers["x-ratelimit-remaining"] == sample.headers["x-ratelimit-remaining"], "\(name)")
        }
        let expected = sample.body.map(IDTranslator.masked)?.rendered
        let actual = result.json.map(ids.toSample)?.rendered
        #expect(actual == expected, "\(name): body")
    }
}
