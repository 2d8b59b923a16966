import BoardSync
import BoardSyncTestSupport
import Essentials
import Foundation
import MongoDriver
import PlaneSimulator
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `boardsync run --webhook-port` acting on Plane's deliveries end to end: the daemon process, the
/// simulator posting like Plane, MongoDB. The interval is an hour, so whatever happens within seconds is the
/// webhook's doing.
@Suite(.serialized, .timeLimit(.minutes(3))) struct WebhookActingTests {
    /// A person's edits in Plane become pending conflict reports (`hold`) within seconds, not at the next
    /// interval; the echoes of the daemon's own writes raise none.
    @Test func handEditsBecomeConflictsWithinSecondsAndOwnWritesRaiseNone() async throws {
        try await Self.withDaemon { database, simulator, _ in
            let links = try await Self.linkedPlaneIds(database, count: 20)
            var seconds: [Double] = []
            for (index, planeId) in links.enumerated() {
                let started = ContinuousClock.now
                _ = try await simulator.editItemAsPerson(
                    planeId, actorEmail: SyncWorld.alice, changes: ["name": .string("Renamed by alice \(index)")])
                let reported = try await DaemonProcessTests.eventually(.seconds(30)) {
                    try await Self.pendingConflict(database, planeId) != nil
                }
                #expect(reported, "item \(index) \(planeId)")
                seconds.append((ContinuousClock.now - started).inSeconds)
            }
            let sorted = seconds.sorted()
            let p50 = sorted[sorted.count / 2]
            print("hand edit → pending conflict: p50 \(p50) s, max \(sorted.last ?? 0) s over \(sorted.count) edits")
            #expect(p50 < 5, "far below the hour of the interval: \(sorted)")
            let report = try #require(try await Self.pendingConflict(database, links[3]))
            let name = report["fields"]?.arrayValue?.compactMap(\.documentValue).first { $0["name"] == "name" }
            #expect(name?["plane"] == "Renamed by alice 3")

            // The daemon's own write (a board edit pushed) comes back as a delivery: no conflict.
            let (boardHex, ownPlaneId) = try await Self.unconflictedLink(database)
            let acted = try await Self.actedDeliveries(database, ownPlaneId)
            try await SyncWorld.edit(database, boardHex, ["title": "Pushed by the daemon"])
            #expect(
                try await DaemonProcessTests.eventually(.seconds(30)) {
                    try await SyncWorld.planeItem(simulator, externalId: boardHex)["name"] == "Pushed by the daemon"
                })
            #expect(
                try await DaemonProcessTests.eventually(.seconds(30)) {
                    try await Self.actedDeliveries(database, ownPlaneId) > acted
                }, "the echo is acted on")
            #expect(try await Self.pendingConflict(database, ownPlaneId) == nil)

            // An edit through the API with the bot's own key (what a write whose answer was lost looks like):
            // its delivery is acted on and raises none either.
            let before = try await Self.actedDeliveries(database, ownPlaneId)
            try await Self.patchAsBot(simulator, database, ownPlaneId, #"{"priority": "urgent"}"#)
            #expect(
                try await DaemonProcessTests.eventually(.seconds(30)) {
                    try await Self.actedDeliveries(database, ownPlaneId) > before
                }, "the bot's edit is acted on")
            #expect(try await Self.pendingConflict(database, ownPlaneId) == nil)
        }
    }

    /// Renamed twice by a person; the first delivery is lost at first and retried late (after the second):
    /// the report ends with the later name, and the late one is marked stale.
    @Test func aRenameRetriedLateAfterANewerOneChangesNothing() async throws {
        try await Self.withDaemon { database, simulator, target in
            let planeId = try #require(try await Self.linkedPlaneIds(database, count: 1).first)
            // The first rename meets a closed port: Plane retries a dropped delivery later, to where it points then.
            var dead = target
            dead.url = try #require(URL(string: "http://127.0.0.1:\(try FreePort.next())/webhooks/plane/plane-acme"))
            dead.retryDelay = .seconds(3)
            await simulator.setWebhook(dead)
            _ = try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["name": "First"])
            #expect(
                try await DaemonProcessTests.eventually(.seconds(10)) {
                    await simulator.webhookAttempts().contains { $0.itemID == planeId && $0.retryScheduled }
                })
            await simulator.setWebhook(target)
            _ = try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["name": "Second"])
            #expect(
                try await DaemonProcessTests.eventually(.seconds(30)) {
                    try await Self.reportedName(database, planeId) == "Second"
                })
            let deliveries = database.collection(CollectionNames.webhookDeliveries)
            #expect(
                try await DaemonProcessTests.eventually(.seconds(30)) {
                    try await deliveries.countDocuments([
                        "item_id": .string(planeId), "verdict": "stale", "body": ["$regex": "\"First\""],
                    ]) == 1
                }, "the late retry arrives and is marked stale")
            #expect(try await Self.reportedName(database, planeId) == "Second")
        }
    }

    /// The receiver misses one edit (Plane never sends it again); a board edit of the same item is pushed
    /// meanwhile: the run lists Plane first, finds the person's edit, and holds it instead of overwriting it.
    @Test func aLostDeliveryIsCaughtByTheListingBeforeABoardEditIsPushed() async throws {
        try await Self.withDaemon { database, simulator, target in
            let (boardHex, planeId) = try await Self.unconflictedLink(database)
            var dead = target
            dead.url = try #require(URL(string: "http://127.0.0.1:\(try FreePort.next())/webhooks/plane/plane-acme"))
            dead.retryDelay = .seconds(3600)
            await simulator.setWebhook(dead)
            _ = try await simulator.editItemAsPerson(
                planeId, actorEmail: SyncWorld.alice, changes: ["name": "Alice's name, never delivered"])
            #expect(
                try await DaemonProcessTests.eventually(.seconds(10)) {
                    await simulator.webhookAttempts().contains { $0.itemID == planeId && $0.status == nil }
                })
            await simulator.setWebhook(target)
            try await SyncWorld.edit(database, boardHex, ["title": "The board's title"])
            #expect(
                try await DaemonProcessTests.eventually(.seconds(30)) {
                    try await Self.pendingConflict(database, planeId) != nil
                })
            #expect(
                try await SyncWorld.planeItem(simulator, externalId: boardHex)["name"]
                    == "Alice's name, never delivered")
        }
    }

    /// A delivery lost with nothing pushed meanwhile: idle ticks skip the listing, and the next listing, at
    /// `--plane-poll`, finds the person's edit.
    @Test func aLostDeliveryIsCaughtByTheNextPlanePoll() async throws {
        try await Self.withDaemon(["--interval", "1s", "--plane-poll", "4s"]) { database, simulator, target in
            let planeId = try #require(try await Self.linkedPlaneIds(database, count: 1).first)
            var dead = target
            dead.url = try #require(URL(string: "http://127.0.0.1:\(try FreePort.next())/webhooks/plane/plane-acme"))
            dead.retryDelay = .seconds(3600)
            await simulator.setWebhook(dead)
            await simulator.clearRequestLog()
            _ = try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["name": "Unseen"])
            let started = ContinuousClock.now
            #expect(
                try await DaemonProcessTests.eventually(.seconds(30)) {
                    try await Self.reportedName(database, planeId) == "Unseen"
                })
            #expect(ContinuousClock.now - started < .seconds(15), "at the next plane poll")
            #expect(try await Self.actedDeliveries(database, planeId) == 0, "no delivery told it")
            // Ticks every second, a listing at most every 4 s (each lists both projects once).
            let elapsed = (ContinuousClock.now - started).inSeconds
            let listings = await simulator.requestLog().filter {
                $0.method == "GET" && $0.pathAndQuery.contains("/work-items/?")
            }.count
            #expect(
                listings >= 2 && Double(listings) <= 2 * (elapsed / 4 + 2), "\(listings) listing pages in \(elapsed) s")
        }
    }

    // MARK: - The world

    /// The fixtures synced once, the simulator posting to a daemon (`--interval 1h --webhook-port`) that is up.
    static func withDaemon(
        _ schedule: [String] = ["--interval", "1h"],
        _ body: (MongoDatabase, PlaneSimulator, WebhookTarget) async throws -> Void
    ) async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            try await SyncWorld.setIntegration(database, ["credentials.webhook_secret": .string(WebhookWorld.secret)])
            _ = try await SyncEndToEndTests.sync(database)
            let port = try FreePort.next()
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/webhooks/plane/plane-acme"))
            let target = WebhookTarget(url: url, secret: WebhookWorld.secret, retryDelay: .seconds(3))
            await simulator.setWebhook(target)
            let daemon = try DaemonProcessTests.daemon(
                database, schedule + ["--debounce", "200ms", "--webhook-port", "\(port)"])
            defer { daemon.signal(SIGKILL) }
            let events = database.collection(CollectionNames.events)
            let up = try await DaemonProcessTests.eventually(.seconds(60)) {
                try await events.countDocuments(["subject": "board.sync.run.completed"]) >= 2
            }
            try #require(up, "the daemon's first run: \(daemon.errorsSoFar.suffix(2000))")
            do {
                try await body(database, simulator, target)
            } catch {
                Issue.record("daemon said: \(daemon.errorsSoFar.suffix(3000))")
                throw error
            }
            daemon.signal(SIGTERM)
            #expect(await daemon.wait(atMost: .seconds(20))?.status == 0)
            #expect(!daemon.errorsSoFar.contains(WebhookWorld.secret))
        }
    }

    /// A PATCH of a mirrored work item through the simulator's API with the bot's key.
    static func patchAsBot(_ simulator: PlaneSimulator, _ database: MongoDatabase, _ planeId: String, _ json: String)
        async throws
    {
        let link = try await database.collection(CollectionNames.boardLinks).findOne([
            "plane_item_id": .string(planeId)
        ])
        let project = try #require(link?["plane_project_id"]?.stringValue)
        let (_, status) = try await WebhookEndToEndTests.asBot(
            simulator, "PATCH", "projects/\(project)/work-items/\(planeId)/", json)
        #expect(status == 200)
    }

    static func linkedPlaneIds(_ database: MongoDatabase, count: Int) async throws -> [String] {
        var ids: [String] = []
        let filter: BSONDocument = ["state": "synced", "plane_item_id": ["$type": "string"]]
        for try await link in database.collection(CollectionNames.boardLinks).find(filter) {
            if let id = link["plane_item_id"]?.stringValue { ids.append(id) }
            if ids.count == count { break }
        }
        try #require(ids.count == count)
        return ids
    }

    /// A synced link (board ObjectId's hex, Plane id) with no conflict, the last one found.
    static func unconflictedLink(_ database: MongoDatabase) async throws -> (String, String) {
        let filter: BSONDocument = ["state": "synced", "plane_item_id": ["$type": "string"]]
        var last: (String, String)?
        for try await link in database.collection(CollectionNames.boardLinks).find(filter) {
            guard let planeId = link["plane_item_id"]?.stringValue, let board = link["board_item_id"] else { continue }
            // An ObjectId board item (SyncWorld.edit takes its hex).
            if let hex = board.objectIdValue?.hex, try await pendingConflict(database, planeId) == nil {
                last = (hex, planeId)
            }
        }
        return try #require(last)
    }

    static func pendingConflict(_ database: MongoDatabase, _ planeId: String) async throws -> BSONDocument? {
        try await database.collection(CollectionNames.approvals).findOne([
            "plane_item_id": .string(planeId), "status": "pending",
        ])
    }

    static func reportedName(_ database: MongoDatabase, _ planeId: String) async throws -> String? {
        let report = try await pendingConflict(database, planeId)
        let name = report?["fields"]?.arrayValue?.compactMap(\.documentValue).first { $0["name"] == "name" }
        return name?["plane"]?.stringValue
    }

    static func actedDeliveries(_ database: MongoDatabase, _ planeId: String) async throws -> Int {
        try await database.collection(CollectionNames.webhookDeliveries).countDocuments([
            "item_id": .string(planeId), "handled_at": ["$type": "date"],
        ])
    }
}
