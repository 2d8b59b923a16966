import BoardSync
import Essentials
import Foundation
import Logging
import MongoDriver
import PlaneAPI
import PlaneSimulator

/// Scenarios 1–3 on one generated board: API calls of a no-op sync, a sync after 100 board edits, and a
/// full resync with 1% drift in Plane, next to a naive mirror that PATCHes every item.
enum APICallScenarios {
    /// A sync re-reads Plane's changes from 5 s before its watermark (commit lag, clock skew). Creates at 50 a
    /// second leave at most 125 items per project in those 5 s, one page; a burst of thousands a second, which no
    /// Plane key allows (60/minute by default), would make a no-op re-read several pages of its own creates.
    static let defaultRate = "3000/minute"

    static func run(items count: Int, rate: String, mongoURI: String, out: String?) async throws {
        try await BenchWorld.with(mongoURI: mongoURI, rate: rate, items: count) { world in
            let projects = 2
            let initial = try await world.sync(.incremental)
            try context(
                "0", "initial sync of \(count) items (setup)", initial,
                note: "\(initial.report.summary.created) created, \(initial.report.summary.failed) failed"
            ).append(to: out)
            // Scheduled runs are minutes apart: let Plane's watermark skew window (5 s) pass first. The first
            // sync after creates re-reads its own writes once (they are Plane's newest changes).
            try await Task.sleep(for: .seconds(6))
            let settle = try await world.sync(.incremental)
            try context(
                "0", "next sync (re-reads its own creates once)", settle, note: "\(settle.log.pages) pages"
            ).append(to: out)
            try await Task.sleep(for: .seconds(6))

            let noop = try await world.sync(.incremental)
            let noopMet =
                noop.log.workItemWrites == 0 && noop.log.pages == projects && noop.log.workItemReads == projects
            try ResultRow(
                id: "1", scenario: "no-op incremental sync, \(count) linked items", reads: noop.log.workItemReads,
                writes: noop.log.workItemWrites, metadataReads: noop.log.metadataReads,
                throttled: noop.log.throttled, seconds: noop.log.seconds, peakMiB: nil,
                measured:
                    "\(noop.log.workItemWrites) writes, \(noop.log.pages) work-item pages for \(projects) projects",
                goal: "0 writes, 1 page per mapped project", met: noopMet
            ).append(to: out)

            let edited = 100
            let step = max(count / edited, 1)
            for index in stride(from: 0, to: min(edited * step, count), by: step) {
                _ = try await world.board.updateOne(
                    ["_id": .objectId(BoardGenerator.id(index))],
                    ["$set": ["title": .string("Edited item \(index)"), "updated_at": .date(Date())]])
            }
            try await Task.sleep(for: .seconds(6))
            let changed = try await world.sync(.incremental)
            try ResultRow(
                id: "2", scenario: "incremental sync after \(edited) of \(count) items changed",
                reads: changed.log.workItemReads, writes: changed.log.workItemWrites,
                metadataReads: changed.log.metadataReads, throttled: changed.log.throttled,
                seconds: changed.log.seconds, peakMiB: nil,
                measured: "\(changed.log.workItemWrites) writes, \(changed.log.workItemReads) reads",
                goal: "exactly \(edited) writes", met: changed.log.workItemWrites == edited
            ).append(to: out)

            try await Task.sleep(for: .seconds(6))
            let drifted = try await drift(world, fraction: 0.01)
            let resync = try await world.sync(.full)
            let lowerBound = (count + 249) / 250 + drifted
            let ratio = Double(resync.log.apiCalls) / Double(lowerBound)
            try ResultRow(
                id: "3", scenario: "full resync of \(count) items, \(drifted) drifted in Plane (1%)",
                reads: resync.log.workItemReads, writes: resync.log.workItemWrites,
                metadataReads: resync.log.metadataReads, throttled: resync.log.throttled,
                seconds: resync.log.seconds, peakMiB: nil,
                measured: "\(resync.log.apiCalls) calls / lower bound \(lowerBound) = \(format(ratio, digits: 3))",
                goal: "ratio ≤ 1.05 vs ceil(N/250)+\(drifted)", met: ratio <= 1.05
            ).append(to: out)

            let naive = try await naiveMirror(world)
            let naiveRatio = Double(naive.log.apiCalls) / Double(lowerBound)
            try ResultRow(
                id: "3n", scenario: "naive mirror: PATCH every item (same run, same board)",
                reads: naive.log.workItemReads, writes: naive.log.workItemWrites,
                metadataReads: naive.log.metadataReads, throttled: naive.log.throttled,
                seconds: naive.log.seconds, peakMiB: nil,
                measured:
                    "\(naive.log.apiCalls) calls = \(format(naiveRatio, digits: 1))× the lower bound, "
                    + "\(format(Double(naive.log.apiCalls) / Double(max(resync.log.apiCalls, 1)), digits: 1))× BoardSync",
                goal: "(comparison)", met: nil
            ).append(to: out)
        }
    }

    /// A row that sets the scene and has no goal.
    static func context(
        _ id: String, _ name: String, _ run: (report: SyncEngine.Report, log: RequestCounts), note: String
    )
        -> ResultRow
    {
        ResultRow(
            id: id, scenario: name, reads: run.log.workItemReads, writes: run.log.workItemWrites,
            metadataReads: run.log.metadataReads, throttled: run.log.throttled, seconds: run.log.seconds,
            peakMiB: nil, measured: note, goal: "(setup)", met: nil)
    }

    /// Edits `fraction` of the mirrored items by hand in Plane (a person renames them); returns how many.
    static func drift(_ world: BenchWorld, fraction: Double) async throws -> Int {
        let stored = await world.simulator.storedItems().filter { $0["deleted_at"]?.isNull ?? true }
        let step = max(Int((1 / fraction).rounded()), 1)
        var edited = 0
        for (offset, item) in stored.enumerated() where offset % step == 0 {
            guard let id = item["id"]?.stringValue else { continue }
            try await world.simulator.editItemAsPerson(
                id, actorEmail: "alice@acme.example", changes: ["name": .string("Renamed by hand \(offset)")])
            edited += 1
        }
        return edited
    }

    /// What a mirror without links or fingerprints does: PATCH every item with the board's values.
    static func naiveMirror(_ world: BenchWorld) async throws -> (report: Void, log: RequestCounts) {
        let integration = try await IntegrationLoader(database: world.database).load(id: BenchWorld.integrationId)
        let client = PlaneClient(
            configuration: PlaneClientConfiguration(
                baseURL: integration.apiRoot, apiKey: try integration.apiKey(),
                workspaceSlug: integration.workspaceSlug, rateLimit: integration.rateLimit, userAgent: "naive-mirror"),
            logger: Logger(label: "boardsync-bench.naive-mirror", factory: { _ in SwiftLogNoOpLogHandler() }))
        var titles: [String: String] = [:]
        for try await document in world.board.find([:], options: MongoFindOptions(projection: ["title": 1])) {
            if let id = document["_id"], let title = document["title"]?.stringValue {
                titles[BSONDecoder.describeId(id)] = title
            }
        }
        let targets = await world.simulator.storedItems().compactMap { item -> (String, String, String)? in
            guard item["deleted_at"]?.isNull ?? true, let id = item["id"]?.stringValue,
                let project = item["project"]?.stringValue, let external = item["external_id"]?.stringValue,
                let title = titles[external]
            else { return nil }
            return (project, id, title)
        }
        await world.simulator.clearRequestLog()
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            let lanes = 4
            for lane in 0..<lanes {
                group.addTask {
                    for index in stride(from: lane, to: targets.count, by: lanes) {
                        let (project, id, title) = targets[index]
                        _ = try await client.updateWorkItem(project: project, id: id, PlaneWorkItemPatch(name: title))
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = (ContinuousClock.now - started).inSeconds
        return ((), RequestCounts(await world.simulator.requestLog(), seconds: seconds))
    }
}
