import Foundation

/// Identities of `fixtures/plane-seed.json`, for tests written against the simulator.
public enum PlaneFixtures {
    public static let workspaceSlug = "acme"
    public static let workspaceID = "7e6d5c4b-3a29-4817-9f60-000000000001"
    /// The bot's key (the fixtures' only key with access to both projects).
    public static let botAPIKey = apiKey(ownedBy: "boardsync-bot@acme.example")
    /// Key of nora@acme.example: member of Nexus Core only, no access to Nexus Ops.
    public static let noraAPIKey = apiKey(ownedBy: "nora@acme.example")
    /// Key of dave@acme.example, a guest (role 5) in both projects: can read, cannot write.
    public static let daveAPIKey = apiKey(ownedBy: "dave@acme.example")
    /// Nexus Core, identifier `NEX`.
    public static let nexusProjectID = "5b1f0c3e-8a4d-4c6e-9f21-3d7a1e000001"
    /// Nexus Ops, identifier `OPS`.
    public static let opsProjectID = "5b1f0c3e-8a4d-4c6e-9f21-3d7a1e000002"

    public static let botUserID = "0b5e2c1a-7d3f-4e8a-9b10-000000000001"
    public static let aliceUserID = "0b5e2c1a-7d3f-4e8a-9b10-000000000002"
    public static let bobUserID = "0b5e2c1a-7d3f-4e8a-9b10-000000000003"
    public static let carolUserID = "0b5e2c1a-7d3f-4e8a-9b10-000000000004"
    /// Guest (role 5): dropped from assignees.
    public static let daveUserID = "0b5e2c1a-7d3f-4e8a-9b10-000000000005"
    /// Former member (inactive membership): listed as a member, dropped from assignees.
    public static let erinUserID = "0b5e2c1a-7d3f-4e8a-9b10-000000000006"
    public static let noraUserID = "0b5e2c1a-7d3f-4e8a-9b10-000000000007"

    /// State ids: `project` is 1 (NEX) or 2 (OPS); `index` 1 Backlog (default), 2 Todo, 3 In Progress,
    /// 4 Done, 5 Cancelled, 6 Triage (hidden from lists).
    public static func stateID(project: Int, index: Int) -> String {
        "1c2d3e4f-5a6b-4c7d-8e9f-0000000\(project)000\(index)"
    }

    /// Label ids: `index` 1 bug, 2 feature, 3 docs, 4 infra, 5 security.
    public static func labelID(project: Int, index: Int) -> String {
        "2d3e4f5a-6b7c-4d8e-9fa0-0000000\(project)000\(index)"
    }

    /// The fixture file every key lives in (keys are kept out of source files, even fake ones).
    public static let seedPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/plane-seed.json").path

    /// - Precondition: the seed file exists and holds a key of `email` (tests cannot run without it).
    private static func apiKey(ownedBy email: String) -> String {
        guard let seed = try? PlaneSeed.load(path: seedPath), let key = seed.apiKeys.first(where: { $0.user == email })
        else { preconditionFailure("fixtures/plane-seed.json is missing or holds no key of \(email)") }
        return key.token
    }
}
