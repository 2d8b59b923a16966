import Foundation
import Logging
import MongoDriver
import PlaneAPI
import PlaneSimulator
import SyncCache
import SyncCore
import Testing

@testable import BoardSync

/// Evidence that the cached copy of Plane's metadata is stale, met within its TTL: the parts it points at are
/// read again once, in the run that meets it, and the items are decided with what Plane says (issue 13).
@Suite struct MetadataStalenessTests {
    /// A state added in Plane and mapped at once: the warm cache does not hold it, so the run reads each
    /// project's states once more (no other metadata) and moves the items to it.
    @Test func aStateAddedInPlaneIsReadOnceInTheRunThatMeetsIt() async throws {
        try await Self.withWarmCache { database, simulator, warm, run in
            let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
            let client = PlaneClient(
                configuration: PlaneClientConfiguration(
                    baseURL: integration.apiRoot, apiKey: try integration.apiKey(),
                    workspaceSlug: integration.workspaceSlug, rateLimit: integration.rateLimit),
                logger: Logger(label: "test"))
            var added: Set<String> = []
            for project in [SyncWorld.nexus, SyncWorld.ops] {
                added.insert(
                    try await client.createState(
                        project: project, PlaneStateCreate(name: "Reviewing", color: "#aa00aa", group: .started)
                    ).id)
            }
            try await SyncWorld.setIntegration(database, ["mapping.status.in_review": "Reviewing"])
            await simulator.clearRequestLog()

            let report = try await run(60)
            let metadata = SyncCacheEngineTests.metadataRequests(await simulator.requestLog())
                .filter { !$0.contains("/work-items") && !$0.contains("/users/me") }
            let states = metadata.filter { $0.contains("/states/") }
            #expect(!states.isEmpty && states.count <= 2, "one read of states per project at most: \(metadata)")
            #expect(metadata.count == states.count, "no other metadata read: \(metadata)")
            let reviewing = try await BlockedItemTests.ids(database, status: "in_review")
            #expect(!reviewing.isEmpty)
            for id in reviewing {
                let item = try await SyncWorld.planeItem(simulator, externalId: id)
                #expect(item["state"]?.stringValue.map(added.contains) == true, "\(id): \(report.summary)")
            }
            #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)
        }
    }

    /// A state renamed in Plane and the mapping moved to the new name: the copy knows only the old name, so the run
    /// reads each project's states once more and finds the same state under its new name: items stay in it, and
    /// an item moved on the board goes to it.
    @Test func aStateRenamedInPlaneIsReadOnceInTheRunThatMeetsIt() async throws {
        try await Self.withWarmCache { database, simulator, warm, run in
            let plane = PlaneHTTP(simulator)
            var renamed: Set<String> = []
            for project in [SyncWorld.nexus, SyncWorld.ops] {
                let state = try #require(
                    try await plane.states(project).first { $0["name"]?.stringValue == "In Progress" })
                let id = try #require(state["id"]?.stringValue)
                let answer = try await plane.send("PATCH", "\(project)/states/\(id)/", ["name": "Doing"])
                #expect(answer.status == 200)
                renamed.insert(id)
            }
            try await SyncWorld.setIntegration(
                database, ["mapping.status.in_progress": "Doing", "mapping.status.in_review": "Doing"])
            try await SyncWorld.edit(database, SyncWorld.hex("02"), ["status": "in_progress"])
            await simulator.clearRequestLog()

            let report = try await run(60)
            let metadata = Self.metadataReads(await simulator.requestLog())
            let states = metadata.filter { $0.contains("/states/") }
            #expect(!states.isEmpty && states.count <= 2, "one read of states per project at most: \(metadata)")
            #expect(metadata.count == states.count, "no other metadata read: \(metadata)")
            #expect(report.summary.failed == warm.summary.failed, "\(report.summary.problems)")
            var moved = try await BlockedItemTests.ids(database, status: "in_progress")
            moved += try await BlockedItemTests.ids(database, status: "in_review")
            #expect(moved.contains(SyncWorld.hex("02")))
            for id in moved {
                let item = try await SyncWorld.planeItem(simulator, externalId: id)
                #expect(item["state"]?.stringValue.map(renamed.contains) == true, "\(id): \(report.summary)")
            }
            #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)
        }
    }

    /// A label deleted in Plane (a soft delete: items lose it without an `updated_at` change). Under
    /// `remote_edits: overwrite` the run writes the board's labels back; the copy's id for it is refused (it is
    /// gone), so the run reads that project's labels once more, finds no label of that name, creates it once, and
    /// writes every item that carries it with the new one.
    @Test func aLabelDeletedInPlaneIsCreatedAgainInTheRunThatMeetsIt() async throws {
        try await Self.withWarmCache { database, simulator, warm, run in
            let plane = PlaneHTTP(simulator)
            let bug = try #require(
                try await plane.labels(SyncWorld.nexus).first { $0["name"]?.stringValue == "bug" })
            let oldID = try #require(bug["id"]?.stringValue)
            try await SyncWorld.setIntegration(database, ["policy.remote_edits": "overwrite"])
            #expect(try await plane.send("DELETE", "\(SyncWorld.nexus)/labels/\(oldID)/").status == 204)
            await simulator.clearRequestLog()

            let report = try await run(60)
            let log = await simulator.requestLog()
            let metadata = Self.metadataReads(log)
            let labelReads = metadata.filter { $0.contains("\(SyncWorld.nexus)/labels/") }
            #expect(labelReads.count == 1, "one read of the project's labels: \(metadata)")
            #expect(metadata.count == 1, "no other metadata read: \(metadata)")
            let creates = SyncWorld.writes(log, "POST").filter { $0.pathAndQuery.hasSuffix("/labels/") }
            #expect(creates.count == 1, "the label is created once: \(creates.map(\.pathAndQuery))")
            let fresh = try #require(
                try await plane.labels(SyncWorld.nexus).first { $0["name"]?.stringValue == "bug" })
            let newID = try #require(fresh["id"]?.stringValue)
            #expect(newID != oldID)
            let carriers = try await Self.ids(database, project: "nexus", label: "bug")
            #expect(carriers.count > 2)
            for id in carriers {
                let labels = try await SyncWorld.planeItem(simulator, externalId: id)["labels"]?.arrayValue ?? []
                #expect(labels.contains(.string(newID)), "\(id) carries the label again: \(report.summary)")
                #expect(!labels.contains(.string(oldID)))
            }
            #expect(
                report.summary.problems.allSatisfy { problem in !carriers.contains { problem.contains($0) } },
                "\(report.summary.problems)")
            #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)
        }
    }

    /// The same deletion under the fixture's `remote_edits: hold`: the engine cannot tell a deleted label from a
    /// person taking it off the items (Plane's `updated_at` does not move either way it is listed), so each item
    /// that carried it is held as a conflict on `labels`, once, with nothing written and nothing read again.
    @Test func aLabelDeletedInPlaneIsHeldOnEachItemUnderHold() async throws {
        try await Self.withWarmCache { database, simulator, warm, run in
            let plane = PlaneHTTP(simulator)
            let bug = try #require(
                try await plane.labels(SyncWorld.nexus).first { $0["name"]?.stringValue == "bug" })
            let oldID = try #require(bug["id"]?.stringValue)
            #expect(try await plane.send("DELETE", "\(SyncWorld.nexus)/labels/\(oldID)/").status == 204)
            await simulator.clearRequestLog()

            let report = try await run(60)
            let log = await simulator.requestLog()
            #expect(SyncWorld.writes(log).isEmpty, "\(log.map(\.pathAndQuery))")
            #expect(Self.metadataReads(log).isEmpty, "\(log.map(\.pathAndQuery))")
            let carriers = try await Self.ids(database, project: "nexus", label: "bug")
            #expect(report.summary.conflicts == carriers.count, "\(report.summary.problems)")
            for id in carriers {
                let held = report.summary.problems.filter { $0.contains(id) && $0.contains("(labels)") }
                #expect(held.count == 1, "\(id): \(report.summary.problems)")
            }
            #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)
        }
    }

    /// A member removed from a Plane project (Plane only deactivates: the list still shows them, a write drops
    /// them without an error). The first write that loses them reads the members once more; the member counts as
    /// inactive from then on, each item says so once, and the next run neither writes nor reads again.
    @Test func aMemberRemovedInPlaneIsReportedWithoutAStorm() async throws {
        try await Self.withWarmCache { database, simulator, warm, run in
            let plane = PlaneHTTP(simulator)
            let membership = try #require(
                await simulator.membershipID(projectID: SyncWorld.nexus, email: SyncWorld.alice))
            #expect(try await plane.send("DELETE", "\(SyncWorld.nexus)/members/\(membership)/").status == 204)
            // Items assigned to her, edited on the board: a second assignee, a new title.
            let reassigned = SyncWorld.hex("04"), retitled = SyncWorld.hex("07")
            try await SyncWorld.edit(
                database, reassigned,
                ["assignees": .array([.string(SyncWorld.alice), .string("bob@acme.example")])])
            try await SyncWorld.edit(database, retitled, ["title": "Renamed on the board"])
            await simulator.clearRequestLog()

            let report = try await run(60)
            let metadata = Self.metadataReads(await simulator.requestLog())
            let memberReads = metadata.filter { $0.contains("\(SyncWorld.nexus)/members/") }
            #expect(memberReads.count == 1, "one read of the project's members: \(metadata)")
            #expect(metadata.count == 1, "no other metadata read: \(metadata)")
            let bob = PlaneFixtures.bobUserID
            let item = try await SyncWorld.planeItem(simulator, externalId: reassigned)
            #expect(item["assignees"] == [.string(bob)], "\(report.summary.problems)")
            let told = report.summary.problems.filter { $0.contains("\(SyncWorld.alice) is no longer an active") }
            #expect(!told.isEmpty, "\(report.summary.problems)")
            #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)

            await simulator.clearRequestLog()
            let next = try await run(120)
            let again = await simulator.requestLog()
            #expect(SyncWorld.writes(again).isEmpty, "no write again: \(again.map(\.pathAndQuery))")
            #expect(Self.metadataReads(again).isEmpty, "no metadata read again: \(again.map(\.pathAndQuery))")
            #expect(
                next.summary.problems.allSatisfy { !$0.contains(reassigned) && !$0.contains(retitled) },
                "told once: \(next.summary.problems)")
        }
    }

    /// A world whose cache is warm: one run done at `start`; `run(seconds)` runs again that much later, within
    /// the metadata TTL.
    static func withWarmCache(
        _ body: (MongoDatabase, PlaneSimulator, SyncEngine.Report, (TimeInterval) async throws -> SyncEngine.Report)
            async throws -> Void
    ) async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            try await SyncCacheEngineTests.withCachePath { path in
                let cache = try SyncCache(path: path)
                let start = Date()
                let warm = try await SyncWorld.run(database, SyncCacheEngineTests.options(at: start), cache: cache)
                try await body(database, simulator, warm) { seconds in
                    try await SyncWorld.run(database, SyncCacheEngineTests.options(at: start + seconds), cache: cache)
                }
            }
        }
    }

    /// Live board items of a board project that carry `label`.
    static func ids(_ database: MongoDatabase, project: String, label: String) async throws -> [String] {
        var ids: [String] = []
        let filter: BSONDocument = ["project_id": .string(project), "labels": .string(label), "deleted_at": .null]
        for try await document in database.collection(CollectionNames.boardItems).find(filter) {
            if let id = document["_id"].flatMap(BoardItemConversion.id) { ids.append(id.externalId) }
        }
        return ids
    }

    /// Metadata requests of a run: not work items, not the key's own user.
    static func metadataReads(_ log: [PlaneSimulator.LoggedRequest]) -> [String] {
        SyncCacheEngineTests.metadataRequests(log.filter { $0.method == "GET" }).filter {
            !$0.contains("/work-items") && !$0.contains("/users/me")
        }
    }
}

/// Plane's metadata written as a person would, over the simulator's HTTP API with the bot's key: the client has
/// no state, label or member writes, and the engine needs none.
struct PlaneHTTP {
    let simulator: PlaneSimulator
    let transport = URLSessionTransport()

    init(_ simulator: PlaneSimulator) { self.simulator = simulator }

    /// `path` is below `workspaces/acme/projects/`.
    func send(_ method: String, _ path: String, _ body: SimJSON? = nil) async throws -> (status: Int, json: SimJSON?) {
        let url = URL(string: simulator.baseURL.absoluteString + "/api/v1/workspaces/acme/projects/" + path)!
        var headers = ["X-Api-Key": PlaneFixtures.botAPIKey]
        if body != nil { headers["Content-Type"] = "application/json" }
        let request = PlaneHTTPRequest(
            method: method, url: url, headers: headers, body: body.map { Data($0.rendered.utf8) })
        let response = try await transport.send(request, timeout: .seconds(30))
        return (response.status, response.body.isEmpty ? nil : try SimJSON.parse(response.body))
    }

    func states(_ project: String) async throws -> [SimJSON] {
        try await send("GET", "\(project)/states/").json?["results"]?.arrayValue ?? []
    }

    func labels(_ project: String) async throws -> [SimJSON] {
        try await send("GET", "\(project)/labels/").json?["results"]?.arrayValue ?? []
    }
}
