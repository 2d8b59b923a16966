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
}
