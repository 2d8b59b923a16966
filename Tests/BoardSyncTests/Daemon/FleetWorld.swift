import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator

@testable import BoardSync

/// Several integrations at once for the daemon's tests: integration `fleet-N` mirrors board project
/// `board-N` (a few items with string ids) into Plane project N of a simulator seeded with one project per
/// integration, each with an `external_source` of its own. Nothing is shared between them, so duplicates
/// and leaks between integrations are easy to see.
enum FleetWorld {
    static let itemsPerProject = 5
    static let nora = "0b5e2c1a-7d3f-4e8a-9b10-000000000007"
    static let noraKey = "plane_api_fedcba9876543210fedcba9876543210"
    static let botKey = "plane_api_0123456789abcdef0123456789abcdef"

    static func id(_ number: Int) -> String { "fleet-\(number)" }
    static func boardProject(_ number: Int) -> String { "board-\(number)" }
    static func planeProject(_ number: Int) -> String {
        "5b1f0c3e-8a4d-4c6e-9f21-3d7a1e0f00\(String(format: "%02d", number))"
    }
    static func source(_ number: Int) -> String { "nexus/fleet-\(number)" }
    static func item(_ number: Int, _ index: Int) -> String { "fleet-\(number)-item-\(index)" }

    /// The simulator's seed: the fixture seed's first project copied once per integration, ids made unique.
    static func seed(projects: Int) throws -> PlaneSeed {
        var seed = try PlaneSeed.load(
            path: SyncEndToEndTests.root.appendingPathComponent("fixtures/plane-seed.json").path)
        let template = seed.projects[0]
        seed.projects = (1...projects).map { number in
            var project = template
            project.id = planeProject(number)
            project.name = "Fleet \(number)"
            project.identifier = "FL\(number)"
            func unique(_ id: String) -> String {
                String(id.dropLast(6)) + String(format: "%02d", number) + id.suffix(4)
            }
            project.states = template.states.map {
                var state = $0; state.id = unique(state.id); return state
            }
            project.labels = template.labels.map {
                var label = $0; label.id = unique(label.id); return label
            }
            return project
        }
        return seed
    }

    /// The integration document of `fleet-N`; `credentials` default to the bot's key inline.
    static func document(_ number: Int, baseURL: URL, enabled: Bool = true, credentials: BSONDocument? = nil)
        -> BSONDocument
    {
        [
            "_id": .string(id(number)), "kind": "plane", "enabled": .bool(enabled),
            "base_url": .string(baseURL.absoluteString), "workspace_slug": "acme",
            "credentials": .document(credentials ?? ["api_key": .string(botKey)]),
            "external_source": .string(source(number)), "rate_limit": "200/second",
            "projects": [
                ["board_project_id": .string(boardProject(number)), "plane_project_id": .string(planeProject(number))]
            ],
            "mapping": ["version": 1, "status": ["todo": "Todo", "done": "Done"]],
        ]
    }

    static func boardItems(_ number: Int) -> [BSONDocument] {
        (1...itemsPerProject).map { index in
            [
                "_id": .string(item(number, index)), "project_id": .string(boardProject(number)),
                "title": .string("Fleet \(number) item \(index)"), "status": index == 1 ? "done" : "todo",
                "priority": "medium", "labels": [], "assignees": [], "updated_at": .date(Date()),
                "created_at": .date(Date()),
            ]
        }
    }

    /// A database with BoardSync's indexes, the board items of `projects` integrations, the documents of
    /// those in `inserted`, and a simulator seeded to match.
    static func withFleet(
        projects: Int, inserted: [Int], _ body: (MongoDatabase, PlaneSimulator) async throws -> Void
    ) async throws {
        let simulator = try await PlaneSimulator.start(
            PlaneSimulator.Configuration(
                seed: try seed(projects: projects), rateLimit: "200/second", bumpDelay: .milliseconds(40),
                logger: .silent()))
        do {
            try await TestServer.withDatabase { _, database in
                _ = try await Migration(database: database).run(createBoardItemsIndex: true)
                try await database.collection(CollectionNames.boardItems).insertMany(
                    (1...projects).flatMap(boardItems))
                for number in inserted {
                    try await database.collection(CollectionNames.integrations).insertOne(
                        document(number, baseURL: simulator.baseURL))
                }
                try await body(database, simulator)
            }
            try await simulator.stop()
        } catch {
            try? await simulator.stop()
            throw error
        }
    }

    static func set(_ database: MongoDatabase, _ number: Int, _ fields: BSONDocument) async throws {
        try await database.collection(CollectionNames.integrations).updateOne(
            ["_id": .string(id(number))], ["$set": .document(fields)])
    }

    /// Sets a board item's title, as the platform would (`updated_at` bumped).
    static func retitle(_ database: MongoDatabase, _ number: Int, _ index: Int, _ title: String) async throws {
        try await database.collection(CollectionNames.boardItems).updateOne(
            ["_id": .string(item(number, index))], ["$set": ["title": .string(title), "updated_at": .date(Date())]])
    }

    /// Live Plane items of `fleet-N`'s source.
    static func planeItems(_ simulator: PlaneSimulator, _ number: Int) async -> [SimJSON] {
        await simulator.storedItems(projectID: planeProject(number)).filter {
            ($0["deleted_at"]?.isNull ?? true) && $0["external_source"]?.stringValue == source(number)
        }
    }

    static func planeItem(_ simulator: PlaneSimulator, _ number: Int, _ index: Int) async -> SimJSON? {
        await planeItems(simulator, number).first { $0["external_id"]?.stringValue == item(number, index) }
    }

    /// (external_source, external_id) pairs held by more than one live Plane item, in every project.
    static func duplicates(_ simulator: PlaneSimulator) async -> [String] {
        let live = await simulator.storedItems().filter { $0["deleted_at"]?.isNull ?? true }
        let pairs = live.compactMap { item -> String? in
            guard let source = item["external_source"]?.stringValue, let id = item["external_id"]?.stringValue
            else { return nil }
            return source + " " + id
        }
        return Dictionary(grouping: pairs, by: { $0 }).filter { $0.value.count > 1 }.map(\.key).sorted()
    }

    /// How many times `text` appears in what the daemon logged so far.
    static func count(_ text: String, in process: RunningProcess) -> Int {
        process.errorsSoFar.components(separatedBy: text).count - 1
    }

    /// Waits (at most `limit`) until `condition` holds; how long it took, or nil if it never did.
    static func time(_ limit: Duration, _ condition: () async throws -> Bool) async throws -> Duration? {
        let started = ContinuousClock.now
        guard try await DaemonProcessTests.eventually(limit, condition) else { return nil }
        return ContinuousClock.now - started
    }
}
