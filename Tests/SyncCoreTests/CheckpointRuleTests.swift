import Foundation
import SyncCore
import Testing

/// How the checkpoint moves forward (issue 16, item 3; issue 12, case 2): the cursor never passes the
/// database's now less a margin, whatever a board writer's clock says.
@Suite struct CheckpointRuleTests {
    let now = Fixtures.now
    var margin: TimeInterval { CheckpointRule.serverClockMargin }

    @Test func theCursorMovesToTheNewestUpdateRead() {
        let newest = now.addingTimeInterval(-600)
        let next = CheckpointRule.advance(
            CheckpointFacts(
                previous: Checkpoint(cursor: now.addingTimeInterval(-3600)), newestBoardUpdate: newest, serverNow: now))
        #expect(next.cursor == newest)
    }

    @Test func theCursorStaysBeforeTheOldestUnsettledItem() {
        let held = now.addingTimeInterval(-900)
        let next = CheckpointRule.advance(
            CheckpointFacts(
                previous: Checkpoint(), newestBoardUpdate: now.addingTimeInterval(-100),
                unsettledBoardUpdates: [now.addingTimeInterval(-300), held], serverNow: now))
        #expect(next.cursor == held)
    }

    @Test(arguments: [60.0, 86_400, 251_602_300_799.0])
    func aFutureUpdateNeverCarriesTheCursorPastTheDatabasesNow(_ ahead: TimeInterval) {
        let next = CheckpointRule.advance(
            CheckpointFacts(previous: Checkpoint(), newestBoardUpdate: now.addingTimeInterval(ahead), serverNow: now))
        #expect(next.cursor == now.addingTimeInterval(-margin))
    }

    /// A cursor an older version carried into the future comes back, even when nothing new is read.
    @Test func aCursorAlreadyInTheFutureComesBack() {
        let next = CheckpointRule.advance(
            CheckpointFacts(
                previous: Checkpoint(cursor: Date(timeIntervalSince1970: 253_402_300_799)), serverNow: now))
        #expect(next.cursor == now.addingTimeInterval(-margin))
    }

    @Test func withoutTheDatabasesClockTheCursorIsNotClamped() {
        let future = now.addingTimeInterval(86_400)
        #expect(
            CheckpointRule.advance(CheckpointFacts(previous: Checkpoint(), newestBoardUpdate: future)).cursor == future)
    }

    @Test func theWatermarkMovesToPlanesNewestChangeOrTheOldestWrite() {
        let previous = Checkpoint(watermarkMicros: 100)
        #expect(
            CheckpointRule.advance(CheckpointFacts(previous: previous, newestPlaneUpdate: 500)).watermarkMicros == 500)
        #expect(CheckpointRule.advance(CheckpointFacts(previous: previous, oldestWrite: 300)).watermarkMicros == 300)
        #expect(CheckpointRule.advance(CheckpointFacts(previous: previous)).watermarkMicros == 100)
    }

    @Test func theWatermarkStaysBeforeAnUndecidedChange() {
        let next = CheckpointRule.advance(
            CheckpointFacts(previous: Checkpoint(), newestPlaneUpdate: 500, undecidedPlaneChanges: [450, 480]))
        #expect(next.watermarkMicros == 449)
        let later = CheckpointRule.advance(
            CheckpointFacts(previous: Checkpoint(), newestPlaneUpdate: 500, undecidedPlaneChanges: [700]))
        #expect(later.watermarkMicros == 500)
    }

    @Test func skewIsAnUpdateMoreThanTheToleranceAhead() {
        #expect(!CheckpointRule.isSkewed(now, serverNow: now))
        #expect(!CheckpointRule.isSkewed(now.addingTimeInterval(CheckpointRule.skewTolerance), serverNow: now))
        #expect(CheckpointRule.isSkewed(now.addingTimeInterval(60), serverNow: now))
        #expect(!CheckpointRule.isSkewed(now.addingTimeInterval(-86_400), serverNow: now))
    }

    /// The cache's copy of the checkpoint lends its listing positions only while MongoDB holds the very same
    /// checkpoint; ahead, behind, or with another cursor, none is used (MongoDB is the truth).
    @Test func cachedListingPositionsOnlyWhileMongoDBHoldsTheSameCheckpoint() {
        let cursor = Date(timeIntervalSince1970: 1_800_000_000.123)
        let saved = Checkpoint(cursor: cursor, watermarkMicros: 5_000)
        let positions: [String: Int64] = ["a": 6_000, "b": 5_000, "c": 4_000]
        #expect(
            CheckpointRule.cachedListingPositions(copy: saved, positions: positions, saved: saved) == ["a": 6_000])
        // The same instant to the millisecond, as the cache stores it.
        let rounded = Checkpoint(cursor: Date(timeIntervalSince1970: 1_800_000_000.1234), watermarkMicros: 5_000)
        #expect(
            CheckpointRule.cachedListingPositions(copy: rounded, positions: positions, saved: saved) == ["a": 6_000])
        for other in [
            Checkpoint(cursor: cursor, watermarkMicros: 9_000),  // a copy ahead: a save that failed
            Checkpoint(cursor: cursor, watermarkMicros: 1_000),  // behind: a restored backup of the cache
            Checkpoint(cursor: cursor + 1, watermarkMicros: 5_000),  // another worker's run moved the cursor
            Checkpoint(cursor: nil, watermarkMicros: 5_000),
            Checkpoint(cursor: cursor, watermarkMicros: nil),
        ] {
            #expect(CheckpointRule.cachedListingPositions(copy: other, positions: positions, saved: saved).isEmpty)
        }
        let fresh = Checkpoint()
        #expect(CheckpointRule.cachedListingPositions(copy: fresh, positions: positions, saved: fresh).isEmpty)
    }
}
