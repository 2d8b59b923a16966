import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// `sync --dry-run` predicts the real run's counts (issue 12, smaller items): the same rule counts both
/// (SyncCore's ``RunCount``), and an unreadable board document is one failure, however many ways it is read.
@Suite struct DryRunPredictionTests {
    /// The lines a dry run predicts; `api`, durations and `dry_run` differ by nature.
    static func counts(_ summary: RunSummary) -> [String: Int] {
        [
            "created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged,
            "deleted": summary.deleted, "recreated": summary.recreated, "adopted": summary.adopted,
            "conflicts": summary.conflicts, "failed": summary.failed, "skipped": summary.skipped,
            "unlinked": summary.unlinked, "labels_created": summary.labelsCreated,
        ]
    }

    @Test func aDryRunPredictsTheRealRunsCounts() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            // One instant for every run: the fixtures' two blocked items stay in their backoff throughout.
            let now = Date()
            func options(dryRun: Bool = false) -> SyncEngine.Options {
                var options = SyncWorld.options(dryRun: dryRun)
                options.now = { now }
                return options
            }
            let firstDry = try await SyncWorld.run(database, options(dryRun: true))
            let first = try await SyncWorld.run(database, options())
            #expect(Self.counts(firstDry.summary) == Self.counts(first.summary))
            #expect(first.summary.created == 62 && first.summary.failed == 2, "\(first.summary)")

            // Then: two renamed items, one deleted, and one that cannot be read (a title that is a number)
            // and is also due for a retry, so the run reads it twice.
            for suffix in ["10", "11"] {
                try await SyncWorld.edit(database, SyncWorld.hex(suffix), ["title": .string("Renamed \(suffix)")])
            }
            try await SyncWorld.softDelete(database, SyncWorld.hex("12"))
            try await SyncWorld.edit(database, SyncWorld.hex("13"), ["title": .int32(42)])
            let unreadable = try #require(BSONObjectId(hex: SyncWorld.hex("13")))
            try await database.collection(CollectionNames.boardLinks).updateOne(
                ["board_item_id": .objectId(unreadable)],
                ["$set": ["next_attempt_at": .date(now.addingTimeInterval(-60))]])

            let dry = try await SyncWorld.run(database, options(dryRun: true))
            let real = try await SyncWorld.run(database, options())
            #expect(Self.counts(dry.summary) == Self.counts(real.summary), "dry \(dry.summary)\nreal \(real.summary)")
            #expect(real.summary.updated == 2 && real.summary.deleted == 1, "\(real.summary)")
            #expect(real.summary.failed == 1, "the unreadable item counts once: \(real.summary.problems)")
            #expect(real.summary.problems.filter { $0.contains(SyncWorld.hex("13")) }.count == 1)
        }
    }
}
