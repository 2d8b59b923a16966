import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneAPI
import PlaneSimulator
import SyncCache
import SyncCore
import Testing

@testable import BoardSync

/// Runs on webhook deliveries against the simulator and MongoDB: nothing is pushed on a delivery's word,
/// every delivery is marked once and only by a run that went through its plan, and one that cannot be read
/// is marked rather than looked at forever.
@Suite struct DeliveryRunTests {
    /// The work item as Plane's API shows it now: the body of a delivery sent at this moment.
    static func shown(_ simulator: PlaneSimulator, _ planeId: String, project: String) async throws -> Data {
        let (data, status) = try await WebhookEndToEndTests.asBot(
            simulator, "GET", "projects/\(project)/work-items/\(planeId)/", "")
        #expect(status == 200)
        return data
    }

    /// The work item as a delivery sent now would carry it in `data`.
    static func workItem(_ simulator: PlaneSimulator, _ plane: (id: String, project: String)) async throws
        -> PlaneWorkItem
    {
        try JSONDecoder().decode(PlaneWorkItem.self, from: try await shown(simulator, plane.id, project: plane.project))
    }

    /// Plane item and project of board item `hex`.
    static func planeSide(_ simulator: PlaneSimulator, _ hex: String) async throws -> (id: String, project: String) {
        let item = try await SyncWorld.planeItem(simulator, externalId: hex)
        return (try #require(item["id"]?.stringValue), try #require(item["project"]?.stringValue))
    }

    static func leasedRun(_ database: MongoDatabase) -> LeasedRun {
        LeaseSyncTests.leasedRun(database, token: "delivery-run")
    }

    /// Stores a delivery of `data` (a work item's JSON) as the receiver does.
    static func store(_ database: MongoDatabase, data: Data, receivedAt: Date = Date()) async throws {
        let body = Array(#"{"event": "issue", "action": "updated", "data": "#.utf8) + Array(data) + Array("}".utf8)
        let delivery = try #require(WebhookDelivery(body: body))
        _ = try await WebhookDeliveryStore(database: database).store(
            delivery, integrationID: "plane-acme", deliveryID: nil, body: body, receivedAt: receivedAt)
    }

    static func deliveries(_ database: MongoDatabase) async throws -> [BSONDocument] {
        try await WebhookWorld.stored(database)
    }

    /// A delivery showing the item before a person's later edit (whose own delivery was lost), and a board
    /// change waiting since before the cursor (committed late, or due for retry): the run reads the item
    /// before it pushes, and holds the person's edit instead of overwriting it.
    @Test func aBoardChangeIsNeverPushedOnAnOldDelivery() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("05")
            let plane = try await Self.planeSide(simulator, id)
            let old = try await Self.workItem(simulator, plane)
            try await simulator.editItemAsPerson(plane.id, actorEmail: SyncWorld.alice, changes: ["name": "Alice's"])
            try await SyncWorld.edit(database, id, ["title": "The board's title"])
            let objectId = try #require(BSONObjectId(hex: id))
            try await database.collection(CollectionNames.boardItems).updateOne(
                ["_id": .objectId(objectId)],
                ["$set": ["updated_at": .date(Date(timeIntervalSince1970: 1_600_000_000))]])
            await simulator.clearRequestLog()

            var options = SyncWorld.options()
            options.delivered = [DeliveredItem(project: plane.project, id: plane.id, workItem: old)]
            let report = try await SyncWorld.run(database, options)
            let log = await simulator.requestLog()
            #expect(SyncWorld.writes(log).isEmpty)
            #expect(log.contains { $0.method == "GET" && $0.pathAndQuery.hasSuffix("/work-items/\(plane.id)/") })
            #expect(try await SyncWorld.planeItem(simulator, externalId: id)["name"] == "Alice's")
            #expect(SyncHandEditTests.conflicts(report)[.objectId(id)]?.kind == .bothChanged)
            #expect(try await SyncWorld.link(database, id)?["state"] == "conflict")
        }
    }

    /// The same, when only fresh metadata makes the plan write: the board moves an item to a Plane state the
    /// cached copy does not know yet, and an old delivery shows the item before a person moved it elsewhere.
    /// The plan made on the copy writes nothing; the one made again on Plane's states would, so the item is
    /// read first, and the person's state is held.
    @Test func aWriteThatFreshMetadataBringsIsNotPushedOnAnOldDeliveryEither() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            try await SyncCacheEngineTests.withCachePath { path in
                let cache = try SyncCache(path: path)
                let start = Date()
                _ = try await SyncWorld.run(database, SyncCacheEngineTests.options(at: start), cache: cache)
                let id = SyncWorld.hex("05")
                let plane = try await Self.planeSide(simulator, id)
                let http = PlaneHTTP(simulator)
                let added = try await http.send(
                    "POST", "\(plane.project)/states/", ["name": "Reviewing", "color": "#aa00aa", "group": "started"])
                #expect(added.json?["id"]?.stringValue != nil, "\(added)")
                try await SyncWorld.setIntegration(database, ["mapping.status.in_review": "Reviewing"])
                let old = try await Self.workItem(simulator, plane)
                let current = try await SyncWorld.planeItem(simulator, externalId: id)["state"]?.stringValue
                let other = try #require(
                    try await http.states(plane.project).compactMap { $0["id"]?.stringValue }.first {
                        $0 != current && $0 != added.json?["id"]?.stringValue
                    })
                try await simulator.editItemAsPerson(
                    plane.id, actorEmail: SyncWorld.alice, changes: ["state": .string(other)])
                try await SyncWorld.edit(database, id, ["status": "in_review"])
                await simulator.clearRequestLog()

                var options = SyncCacheEngineTests.options(at: start.addingTimeInterval(60))
                options.delivered = [DeliveredItem(project: plane.project, id: plane.id, workItem: old)]
                let report = try await SyncWorld.run(database, options, cache: cache)
                #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty, "\(report.summary)")
                #expect(try await SyncWorld.planeItem(simulator, externalId: id)["state"]?.stringValue == other)
                #expect(SyncHandEditTests.conflicts(report)[.objectId(id)]?.kind == .bothChanged, "\(report.summary)")
            }
        }
    }

    /// The echo of our own write (the item as we left it, nothing waiting on the board) costs no request.
    @Test func anEchoIsDecidedOnItsDeliveryAlone() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("05")
            let plane = try await Self.planeSide(simulator, id)
            let now = try await Self.workItem(simulator, plane)
            await simulator.clearRequestLog()
            var options = SyncWorld.options()
            options.delivered = [DeliveredItem(project: plane.project, id: plane.id, workItem: now)]
            let report = try await SyncWorld.run(database, options)
            // Plane's metadata aside (no cache here), no work item is listed or read.
            let itemRequests = await simulator.requestLog().filter { $0.pathAndQuery.contains("work-items") }
            #expect(itemRequests.isEmpty, "\(itemRequests.map(\.pathAndQuery))")
            #expect(report.summary.unchanged == 1)
        }
    }

    /// An item whose read by id Plane answers with something that is no work item is left out; the other
    /// delivered items are decided all the same (one bad item never holds up every delivery).
    @Test func anItemThatCannotBeReadIsLeftOutAndTheOthersAreDecided() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let unreadable = try await Self.planeSide(simulator, SyncWorld.hex("05"))
            let edited = try await Self.planeSide(simulator, SyncWorld.hex("04"))
            try await simulator.editItemAsPerson(
                edited.id, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
            let shown = try await Self.workItem(simulator, edited)
            await simulator.injectFault(
                FaultRule(
                    method: "GET",
                    pathPrefix: "\(SyncWorld.workItems)\(unreadable.project)/work-items/\(unreadable.id)/",
                    action: .status(200, body: ["unexpected": true])))
            var options = SyncWorld.options()
            options.delivered = [
                DeliveredItem(project: unreadable.project, id: unreadable.id, workItem: nil),
                DeliveredItem(project: edited.project, id: edited.id, workItem: shown),
            ]
            let report = try await SyncWorld.run(database, options)
            #expect(
                SyncHandEditTests.conflicts(report)[.objectId(SyncWorld.hex("04"))]?.kind == .handEdit)
            #expect(report.plan.actions.allSatisfy { $0.boardItemId != .objectId(SyncWorld.hex("05")) })
        }
    }

    /// A delivery that arrives after BoardSync wrote the item since (Plane retried it late) shows an older
    /// state than the link recorded: it is stale, and raises no conflict over what is no longer there.
    @Test func aDeliveryOlderThanOurLastWriteIsStale() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("04")
            let plane = try await Self.planeSide(simulator, id)
            let original = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["priority"])
            try await simulator.editItemAsPerson(plane.id, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
            let late = try await Self.shown(simulator, plane.id, project: plane.project)
            // Undone at once (its delivery lost), then the board's edit is pushed by a listing.
            try await simulator.editItemAsPerson(plane.id, actorEmail: SyncWorld.alice, changes: ["priority": original])
            try await SyncWorld.edit(database, id, ["title": "Pushed after the edit"])
            let pushed = try await SyncWorld.run(database, SyncWorld.options())
            #expect(pushed.summary.updated == 1 && pushed.summary.conflicts == 0, "\(pushed.summary)")

            // The watermark may lag far behind (held by another item's change): the link still knows better.
            let lateAt = try #require(
                try JSONDecoder().decode(PlaneWorkItem.self, from: late).updatedAt?.microsecondsSinceEpoch)
            let lagging = PlaneTimestamp(microsecondsSinceEpoch: lateAt - 10_000_000)
            try await SyncWorld.setIntegration(database, ["sync_state.remote_watermark": .string(lagging.description)])
            let approvals = database.collection(CollectionNames.approvals)
            let reportsBefore = try await approvals.countDocuments([:])
            try await Self.store(database, data: late)
            let outcome = try await DeliveryRun(leasedRun: Self.leasedRun(database), logger: .silent()).run(
                "plane-acme"
            ) { _ in SyncWorld.options() }
            #expect(outcome.report == nil && outcome.verdicts == [.stale: 1])
            #expect(try await SyncWorld.link(database, id)?["state"] == "synced")
            #expect(try await approvals.countDocuments([:]) == reportsBefore)
        }
    }

    /// Only a POST or PATCH awaits its echo: a held conflict released (the board came to agree with the
    /// person's edit) saves the link from Plane's item and sends nothing, and Plane sends no delivery for it.
    @Test func onlyAWriteAwaitsAnEcho() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("04")
            let plane = try await Self.planeSide(simulator, id)
            try await simulator.editItemAsPerson(plane.id, actorEmail: SyncWorld.alice, changes: ["name": "Alice's"])
            let held = try await SyncWorld.run(database, SyncWorld.options())
            #expect(held.summary.conflicts == 1 && held.planeItemsWritten.isEmpty)
            try await SyncWorld.edit(database, id, ["title": "Alice's"])
            await simulator.clearRequestLog()
            let released = try await SyncWorld.run(database, SyncWorld.options())
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)
            #expect(try await SyncWorld.link(database, id)?["state"] == "synced", "\(released.summary)")
            #expect(released.planeItemsWritten.isEmpty, "\(released.planeItemsWritten)")

            try await SyncWorld.edit(database, id, ["title": "Pushed, so echoed"])
            let pushed = try await SyncWorld.run(database, SyncWorld.options())
            #expect(pushed.planeItemsWritten == [plane.id])
        }
    }

    /// Deliveries another worker acted on meanwhile are heard of as received (their echoes count), and what
    /// was received is told even when acting on it fails.
    @Test func whatWasReceivedIsToldWhoeverActedOnIt() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let plane = try await Self.planeSide(simulator, SyncWorld.hex("04"))
            let run = DeliveryRun(leasedRun: Self.leasedRun(database), logger: .silent())
            let nothing = try await run.run("plane-acme") { _ in SyncWorld.options() }
            #expect(nothing.received.isEmpty)
            try await Self.store(database, data: try await Self.shown(simulator, plane.id, project: plane.project))
            let id = try #require(try await Self.deliveries(database).first?["_id"]?.stringValue)
            try await WebhookDeliveryStore(database: database).settle([id: .decide], at: Date())
            let heard = try await run.run("plane-acme") { _ in SyncWorld.options() }
            #expect(heard.received.map(\.item) == [plane.id] && heard.report == nil)

            try await simulator.editItemAsPerson(plane.id, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
            try await Self.store(database, data: try await Self.shown(simulator, plane.id, project: plane.project))
            _ = try await database.collection(CollectionNames.integrations).deleteOne(["_id": "plane-acme"])
            let failed = try await run.run("plane-acme") { _ in SyncWorld.options() }
            #expect(failed.failure != nil && Set(failed.received.map(\.item)) == [plane.id])
        }
    }

    /// A run stopped by a signal before its plan was gone through leaves the deliveries for the next turn.
    @Test func aRunStoppedBySignalLeavesItsDeliveriesUnmarked() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let plane = try await Self.planeSide(simulator, SyncWorld.hex("04"))
            try await simulator.editItemAsPerson(plane.id, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
            try await Self.store(database, data: try await Self.shown(simulator, plane.id, project: plane.project))
            let run = DeliveryRun(leasedRun: Self.leasedRun(database), logger: .silent())
            let stopped = try await run.run("plane-acme") { _ in
                var options = SyncWorld.options()
                options.stopRequested = { true }
                return options
            }
            #expect(stopped.report?.outcome == .stoppedBySignal)
            #expect(try await Self.deliveries(database).allSatisfy { $0["handled_at"] == nil })

            let done = try await run.run("plane-acme") { _ in SyncWorld.options() }
            #expect(done.report?.summary.conflicts == 1)
            let marked = try await Self.deliveries(database)
            #expect(marked.count == 1 && marked.allSatisfy { $0["verdict"] == "decide" && $0["handled_at"] != nil })
        }
    }

    /// A stored delivery whose body cannot be read any more is marked `ignored`, not looked at every turn.
    @Test func anUnreadableStoredDeliveryIsMarkedIgnored() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            _ = try await database.collection(CollectionNames.webhookDeliveries).insertOne([
                "_id": "plane-acme/garbled", "integration_id": "plane-acme", "received_at": .date(Date()),
                "body": "{not json",
            ])
            let outcome = try await DeliveryRun(leasedRun: Self.leasedRun(database), logger: .silent()).run(
                "plane-acme"
            ) { _ in SyncWorld.options() }
            #expect(outcome.report == nil && outcome.verdicts == [.ignored: 1])
            let stored = try #require(try await Self.deliveries(database).first)
            #expect(stored["verdict"] == "ignored" && stored["handled_at"] != nil)
        }
    }

    /// The first verdict stands: a delivery another worker marked meanwhile is not marked again.
    @Test func aDeliveryIsMarkedOnce() async throws {
        try await WebhookWorld.withDatabase { database in
            let body = Array(#"{"event": "issue", "action": "updated", "data": {"id": "w1"}}"#.utf8)
            let store = WebhookDeliveryStore(database: database)
            _ = try await store.store(
                try #require(WebhookDelivery(body: body)), integrationID: "plane-acme", deliveryID: nil, body: body,
                receivedAt: Date())
            let id = try #require(try await Self.deliveries(database).first?["_id"]?.stringValue)
            try await store.settle([id: .stale], at: Date(timeIntervalSince1970: 1_800_000_000))
            try await store.settle([id: .decide], at: Date(timeIntervalSince1970: 1_800_000_100))
            let stored = try #require(try await Self.deliveries(database).first)
            #expect(stored["verdict"] == "stale")
            #expect(stored["handled_at"]?.dateValue == Date(timeIntervalSince1970: 1_800_000_000))
        }
    }
}
