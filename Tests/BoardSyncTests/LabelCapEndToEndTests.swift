import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// No run creates labels without bound (issue 12, case 6): an item with 10,000 labels is a problem naming
/// it and creates none; label creations per run are capped and the items beyond wait for the next run.
@Suite struct LabelCapEndToEndTests {
    static func labelPosts(_ log: [PlaneSimulator.LoggedRequest]) -> Int {
        log.filter { $0.method == "POST" && $0.pathAndQuery.contains("/labels/") }.count
    }

    @Test func labelsPerItemAndLabelCreationsPerRunAreCapped() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let hoarder = SyncWorld.hex("0d")
            try await SyncWorld.edit(
                database, hoarder, ["labels": .array((1...10_000).map { .string("label-\($0)") })])
            await simulator.clearRequestLog()
            let capped = try await SyncWorld.run(database, SyncWorld.options())
            #expect(Self.labelPosts(await simulator.requestLog()) == 0)
            let named = capped.summary.problems.filter { $0.contains(hoarder) }
            #expect(named.count == 1 && named[0].contains("10000 labels") && named[0].contains("max_labels_per_item"))
            #expect(capped.summary.failed == 1, "\(capped.summary)")

            // Three items with a new label each, at two label creations per run.
            try await SyncWorld.setIntegration(database, ["policy.max_label_creations_per_run": 2])
            let items = ["0e", "0f", "10"].map(SyncWorld.hex)
            for (index, id) in items.enumerated() {
                try await SyncWorld.edit(database, id, ["labels": .array([.string("fresh-\(index)")])])
            }
            await simulator.clearRequestLog()
            let first = try await SyncWorld.run(database, SyncWorld.options())
            #expect(first.summary.labelsCreated == 2 && first.summary.updated == 2, "\(first.summary)")
            #expect(Self.labelPosts(await simulator.requestLog()) == 2)
            let waiting = first.summary.problems.filter { $0.contains("max_label_creations_per_run") }
            #expect(waiting.count == 1 && waiting[0].contains(items[2]), "\(first.summary.problems)")

            let second = try await SyncWorld.run(database, SyncWorld.options())
            #expect(second.summary.labelsCreated == 1 && second.summary.updated == 1, "\(second.summary)")
            for id in items {
                #expect(
                    (try await SyncWorld.planeItem(simulator, externalId: id)["labels"]?.arrayValue?.count ?? 0) == 1)
            }
        }
    }
}
