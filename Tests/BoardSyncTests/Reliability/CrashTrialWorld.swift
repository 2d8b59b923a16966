import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator

@testable import BoardSync

/// One world the crash trials run in: a database and a Plane simulator of its own, the fixture
/// integration (policy `overwrite`, so Plane always ends as the board says), and a small board that the
/// trials keep changing.
final class CrashTrialWorld {
    let database: MongoDatabase
    let simulator: PlaneSimulator
    let cachePath: String
    var random: TrialRandom
    /// Live board items the trials may edit or delete; the first is a parent and is never deleted.
    private(set) var live: [BSONObjectId] = []
    private var serial = 0
    /// An item a person just edited in Plane: the board leaves it alone until the trial ends, since both
    /// sides changing is a conflict for a person by design, not something a run converges on.
    var frozen: BSONObjectId?
    /// How far ahead of the database the board writer's clock runs (its `updated_at` stamps).
    var clockAhead: TimeInterval = 0

    /// The board writer's clock.
    var writerNow: Date { Date().addingTimeInterval(clockAhead) }

    static let rate = "1000/second"

    private init(database: MongoDatabase, simulator: PlaneSimulator, seed: UInt64) {
        self.database = database
        self.simulator = simulator
        random = TrialRandom(seed: seed)
        cachePath =
            FileManager.default.temporaryDirectory.appendingPathComponent("trial-\(UUID().uuidString).sqlite")
            .path
    }

    /// A fresh world; Plane's external-pair 409 is off, so BoardSync's own lookup is all that stands
    /// between a lost answer and a duplicate.
    static func with<T>(seed: UInt64, _ body: (CrashTrialWorld) async throws -> T) async throws -> T {
        var configuration = PlaneSimulator.Configuration(
            seedFile: SyncEndToEndTests.root.appendingPathComponent("fixtures/plane-seed.json").path,
            rateLimit: rate, bumpDelay: .milliseconds(20), faultSeed: seed, logger: .silent())
        configuration.externalPairConflict = false
        let simulator = try await PlaneSimulator.start(configuration)
        do {
            let result = try await TestServer.withDatabase { _, database in
                _ = try await Migration(database: database).run(createBoardItemsIndex: true)
                _ = try await FixtureLoader(
                    directory: SyncEndToEndTests.root.appendingPathComponent("fixtures"),
                    planeBaseURL: simulator.baseURL.absoluteString
                ).load(into: database, drop: true)
                try await database.collection(CollectionNames.integrations).updateOne(
                    ["_id": "plane-acme"],
                    ["$set": ["rate_limit": .string(rate), "policy.remote_edits": "overwrite"]])
                let world = CrashTrialWorld(database: database, simulator: simulator, seed: seed)
                try await world.resetToEmpty()
                return try await body(world)
            }
            try await simulator.stop()
            return result
        } catch {
            try? await simulator.stop()
            throw error
        }
    }

    var items: MongoCollection { database.collection(CollectionNames.boardItems) }

    /// Plane empty, no link, no checkpoint, a new board of eight items: the next run is an initial sync.
    func resetToEmpty() async throws {
        try await simulator.reset()
        try await items.deleteMany([:])
        try await database.collection(CollectionNames.boardLinks).deleteMany([:])
        try await database.collection(CollectionNames.integrations).updateOne(
            ["_id": "plane-acme"],
            ["$set": ["sync_state": ["cursor": nil, "remote_watermark": nil, "last_success_at": nil]]])
        try? FileManager.default.removeItem(atPath: cachePath)
        live = []
        var parent: BSONObjectId?
        for index in 0..<8 {
            let id = try await create(parent: index == 2 ? parent : nil, project: index % 2 == 0 ? "nexus" : "ops")
            if index == 0 { parent = id }
        }
    }

    /// A new board item with a bit of everything the mapping handles.
    @discardableResult
    func create(parent: BSONObjectId? = nil, project: String? = nil) async throws -> BSONObjectId {
        serial += 1
        let id = BSONObjectId()
        var document = Self.document(serial, id: id, parent: parent, project: project)
        document["updated_at"] = .date(writerNow)
        try await items.insertOne(document)
        live.append(id)
        return id
    }

    /// Board item number `number`: its fields cycle through statuses, priorities, labels, an assignee, dates.
    static func document(_ number: Int, id: BSONObjectId, parent: BSONObjectId? = nil, project: String? = nil)
        -> BSONDocument
    {
        let statuses = ["backlog", "todo", "in_progress", "in_review", "done"]
        let priorities = ["urgent", "high", "medium", "low", "none"]
        let labels: [[String]] = [["bug"], ["feature", "docs"], [], ["infra"]]
        let now = Date()
        let day = Date(timeIntervalSince1970: 1_795_000_000 + Double(number % 20) * 86_400)
        let document: BSONDocument = [
            "_id": .objectId(id), "project_id": .string(project ?? (number % 2 == 0 ? "nexus" : "ops")),
            "title": .string("Trial item \(number)"),
            "description": .string(
                "Step **\(number)** with [a link](https://example.com/\(number)) <script>alert(1)</script>"),
            "status": .string(statuses[number % statuses.count]),
            "priority": .string(priorities[number % priorities.count]),
            "labels": .array(labels[number % labels.count].map(BSONValue.string)),
            "assignees": number % 3 == 0 ? ["alice@acme.example"] : [],
            "start_date": number % 4 == 0 ? .date(day) : .null,
            "due_date": number % 4 == 0 ? .date(day.addingTimeInterval(7 * 86_400)) : .null,
            "parent_id": parent.map(BSONValue.objectId) ?? .null,
            "created_at": .date(now), "updated_at": .date(now), "deleted_at": .null,
        ]
        return document
    }

    /// Changes one owned field of a random live item, as the platform does (bumping `updated_at`).
    func editSomething() async throws {
        guard let id = live.filter({ $0 != frozen }).randomElement(using: &random) else { return }
        serial += 1
        let changes: [BSONDocument] = [
            ["title": .string("Trial item edited \(serial)")],
            ["priority": .string(["urgent", "high", "low"].randomElement(using: &random)!)],
            ["status": .string(["todo", "done", "in_progress"].randomElement(using: &random)!)],
            ["labels": .array([.string(["bug", "docs", "security"].randomElement(using: &random)!)])],
            ["description": .string("Edited *\(serial)*, see [the notes](https://example.com/e/\(serial))")],
        ]
        var set = changes.randomElement(using: &random)!
        set["updated_at"] = .date(writerNow)
        try await items.updateOne(["_id": .objectId(id)], ["$set": .document(set)])
    }

    /// Soft-deletes a random live item (never the parent, never below five live items).
    func deleteSomething() async throws {
        guard live.count > 5 else { return }
        let index = Int.random(in: 1..<live.count, using: &random)
        guard live[index] != frozen else { return }
        let id = live.remove(at: index)
        try await items.updateOne(
            ["_id": .objectId(id)], ["$set": ["deleted_at": .date(writerNow), "updated_at": .date(writerNow)]])
    }

    /// A person changes a mirrored item in Plane; under `overwrite` the next run puts the board back.
    func handEditInPlane() async throws {
        let ours = await simulator.storedItems().filter {
            ($0["deleted_at"]?.isNull ?? true) && $0["external_id"]?.stringValue != nil
        }
        guard let item = ours.randomElement(using: &random), let id = item["id"]?.stringValue,
            let externalId = item["external_id"]?.stringValue
        else { return }
        frozen = BSONObjectId(hex: externalId)
        try await simulator.editItemAsPerson(id, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
    }

    /// What a trial does to the SQLite cache the runs before it left: a lost cache costs only reads, and a damaged
    /// one is moved aside and rebuilt, so neither may change what lands in Plane (issue 13).
    enum CacheDamage: String, CaseIterable, Sendable {
        case kept, deleted, garbage, truncated
    }

    /// Leaves the cache, deletes it (with its `-wal` and `-shm`), fills it with random bytes, or cuts it short,
    /// by a seeded choice. A missing file is filled or left empty likewise.
    func damageCache() throws -> CacheDamage {
        let damage = CacheDamage.allCases.randomElement(using: &random)!
        let files = FileManager.default
        let size = (try? files.attributesOfItem(atPath: cachePath)[.size] as? Int) ?? 0
        switch damage {
        case .kept: break
        case .deleted:
            for suffix in ["", "-wal", "-shm"] { try? files.removeItem(atPath: cachePath + suffix) }
        case .garbage:
            let count = max(size, 4096)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            try Data(bytes).write(to: URL(fileURLWithPath: cachePath))
        case .truncated:
            let keep = Int.random(in: 0..<max(size, 1), using: &random)
            let data = files.contents(atPath: cachePath) ?? Data()
            try data.prefix(keep).write(to: URL(fileURLWithPath: cachePath))
        }
        return damage
    }

    /// The environment of a `boardsync` child process working on this world.
    func environment(_ extra: [String: String] = [:]) throws -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["BOARDSYNC_MONGODB_URI"] = try TestServer.uri()
        environment["BOARDSYNC_DATABASE"] = database.name
        environment["BOARDSYNC_CACHE_PATH"] = cachePath
        environment["BOARDSYNC_CRASH_AT"] = nil
        environment["BOARDSYNC_BREAK"] = nil
        environment["BOARDSYNC_LEASE_DURATION_SECONDS"] = "2"
        environment["BOARDSYNC_LEASE_RENEW_SECONDS"] = "0.5"
        environment.merge(extra) { _, new in new }
        return environment
    }
}
