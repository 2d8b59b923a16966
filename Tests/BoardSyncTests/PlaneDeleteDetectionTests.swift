import Foundation
import Logging
import MongoDriver
import PlaneAPI
import PlaneSimulator
import SyncCore
import SyncReports
import Testing

@testable import BoardSync

/// A work item deleted in Plane comes back at the next run, not at the next resync (issue 12, case 10):
/// each project's count on the page a run reads anyway is weighed against what the last run kept, and the
/// project is listed whole only when they disagree. Both paths: one page that holds the whole project (the
/// fixtures' 33 items at 250 a page), and pages of 10, where the count decides.
@Suite struct PlaneDeleteDetectionTests {
    static func options(pageSize: Int) -> SyncEngine.Options {
        var options = SyncWorld.options()
        options.planePageSize = pageSize
        return options
    }

    /// As if Plane's clock moved on: what the run before saw lies behind the watermark, so a run reads one
    /// page of recent changes per project, not the whole project (all fixture items are written within the
    /// seconds of skew the reader allows).
    static func passTime(_ database: MongoDatabase) async throws {
        let mark = PlaneTimestamp(microsecondsSinceEpoch: Int64((Date().timeIntervalSince1970 + 5) * 1_000_000))
        try await SyncWorld.setIntegration(database, ["sync_state.remote_watermark": .string(mark.description)])
    }

    /// What the count costs beyond the pages of recent changes every run reads: whole listings (1,000 a page)
    /// and look-ups by external id or by Plane id.
    static func extraReads(_ log: [PlaneSimulator.LoggedRequest]) -> [String] {
        log.filter { request in
            request.method == "GET" && request.pathAndQuery.contains("/work-items/")
                && (request.pathAndQuery.contains("per_page=1000") || request.pathAndQuery.contains("external_id=")
                    || !request.pathAndQuery.contains("/work-items/?"))
        }.map(\.pathAndQuery)
    }

    @Test(arguments: [250, 10])
    func aWorkItemDeletedOrArchivedInPlaneIsSeenByTheNextSync(pageSize: Int) async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, Self.options(pageSize: pageSize))
            _ = try await SyncWorld.run(database, Self.options(pageSize: pageSize))
            let deleted = SyncWorld.hex("11")
            let archived = SyncWorld.hex("12")
            let deletedId = try #require(
                try await SyncWorld.planeItem(simulator, externalId: deleted)["id"]?.stringValue)
            let archivedId = try #require(
                try await SyncWorld.planeItem(simulator, externalId: archived)["id"]?.stringValue)
            try await Self.passTime(database)
            try await simulator.deleteItemAsPerson(deletedId, actorEmail: SyncWorld.alice)
            _ = try await simulator.archiveItemAsPerson(archivedId, actorEmail: SyncWorld.alice)

            let report = try await SyncWorld.run(database, Self.options(pageSize: pageSize))
            #expect(report.summary.recreated == 1, "\(report.summary)")
            #expect(report.summary.conflicts == 1, "the archived item is held, not recreated: \(report.summary)")
            let back = try await SyncWorld.planeItem(simulator, externalId: deleted)
            #expect(back["id"]?.stringValue != deletedId)
            let reports = try await ApprovalStore(database: database).list(status: "pending")
            #expect(reports.contains { $0.boardItemId == deleted && $0.kind == .planeDeleted })
            #expect(reports.contains { $0.boardItemId == archived && $0.kind == .archived })

            // Settled: the next run lists nothing whole again.
            try await Self.passTime(database)
            await simulator.clearRequestLog()
            let quiet = try await SyncWorld.run(database, Self.options(pageSize: pageSize))
            #expect(quiet.summary.recreated == 0 && quiet.summary.conflicts == 0, "\(quiet.summary)")
            #expect(Self.extraReads(await simulator.requestLog()).isEmpty)
        }
    }

    /// The cost when nothing was deleted: the page each run reads anyway, per project; an item someone
    /// else creates in Plane changes nothing; one someone else deletes costs one whole listing.
    @Test func theCountCostsNoRequestWhenNothingWasDeleted() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, integration in
            let options = Self.options(pageSize: 10)
            _ = try await SyncWorld.run(database, options)
            _ = try await SyncWorld.run(database, options)
            var perRun: [Int] = []
            for _ in 0..<3 {
                try await Self.passTime(database)
                await simulator.clearRequestLog()
                _ = try await SyncWorld.run(database, options)
                perRun.append(Self.extraReads(await simulator.requestLog()).count)
            }
            // A hand-made item (no external id): someone else's, counted from the recent changes.
            let client = PlaneClient(
                configuration: PlaneClientConfiguration(
                    baseURL: integration.apiRoot, apiKey: try integration.apiKey(),
                    workspaceSlug: integration.workspaceSlug, rateLimit: integration.rateLimit),
                logger: Logger(label: "test"))
            try await Self.passTime(database)
            let handMade = try await client.createWorkItem(
                project: SyncWorld.nexus, PlaneWorkItemCreate(name: "Made by hand in Plane"))
            await simulator.clearRequestLog()
            _ = try await SyncWorld.run(database, options)
            let afterCreate = Self.extraReads(await simulator.requestLog())
            // Someone else's item deleted: the count cannot tell whose, so that project is listed whole once.
            try await Self.passTime(database)
            try await simulator.deleteItemAsPerson(handMade.id, actorEmail: SyncWorld.alice)
            await simulator.clearRequestLog()
            _ = try await SyncWorld.run(database, options)
            let afterDelete = Self.extraReads(await simulator.requestLog())
            try await Self.passTime(database)
            await simulator.clearRequestLog()
            _ = try await SyncWorld.run(database, options)
            let settled = Self.extraReads(await simulator.requestLog())
            print(
                "plane delete detection: extra Plane requests per no-op sync (2 projects of 33 items, 10 a page): "
                    + "\(perRun); after a hand-made item: \(afterCreate.count); after someone else's item was "
                    + "deleted: \(afterDelete.count) (a whole listing of that project); the run after: \(settled.count)"
            )
            #expect(perRun == [0, 0, 0])
            #expect(afterCreate.isEmpty, "\(afterCreate)")
            #expect(afterDelete.count == 1 && afterDelete[0].contains(SyncWorld.nexus), "\(afterDelete)")
            #expect(settled.isEmpty, "\(settled)")
        }
    }
}
