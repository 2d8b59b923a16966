import Foundation
import SyncCore
import Testing

/// When a Plane project is listed whole to find what was deleted by hand (issue 12, case 10).
@Suite struct PlaneCountRuleTests {
    let kept = PlaneCount(offset: 4, mark: 1_000)

    @Test func countsThatAgreeNeedNoListing() {
        // 30 linked + 4 of others' = 34 shown.
        #expect(!PlaneCountRule.needsFullListing(shown: 34, linked: 30, newOthers: 0, kept: kept, listedWhole: false))
        // Two items someone else made since the mark: shown 36.
        #expect(!PlaneCountRule.needsFullListing(shown: 36, linked: 30, newOthers: 2, kept: kept, listedWhole: false))
    }

    @Test func anyDisagreementListsTheProject() {
        // One of ours deleted or archived by hand: shown 33.
        #expect(PlaneCountRule.needsFullListing(shown: 33, linked: 30, newOthers: 0, kept: kept, listedWhole: false))
        // Someone else's item deleted: the count cannot tell whose, so it lists.
        #expect(PlaneCountRule.needsFullListing(shown: 35, linked: 30, newOthers: 2, kept: kept, listedWhole: false))
        // A POST of ours whose link was never recorded: one more shown than linked.
        #expect(PlaneCountRule.needsFullListing(shown: 35, linked: 30, newOthers: 0, kept: kept, listedWhole: false))
    }

    @Test func nothingKeptListsOnceAndAWholeReadNeverLists() {
        #expect(PlaneCountRule.needsFullListing(shown: 34, linked: 30, newOthers: 0, kept: nil, listedWhole: false))
        #expect(!PlaneCountRule.needsFullListing(shown: 1, linked: 30, newOthers: 0, kept: nil, listedWhole: true))
        #expect(!PlaneCountRule.needsFullListing(shown: nil, linked: 30, newOthers: 0, kept: kept, listedWhole: false))
    }

    @Test func theNextCountFollowsTheRunsOwnWrites() throws {
        // 34 shown, then 3 created and 1 deleted by this run: 36 shown, 32 linked.
        let next = try #require(
            PlaneCountRule.next(shown: 34, writes: 2, linkedAfter: 32, newestSeen: 2_000, settled: true))
        #expect(next == PlaneCount(offset: 4, mark: 2_000))
        // An orphan deleted (no link): one fewer of others'.
        #expect(
            PlaneCountRule.next(shown: 34, writes: -1, linkedAfter: 30, newestSeen: 2_000, settled: true)?.offset == 3)
        // Adopted: an item of others' becomes linked.
        #expect(
            PlaneCountRule.next(shown: 34, writes: 0, linkedAfter: 31, newestSeen: 2_000, settled: true)?.offset == 3)
    }

    @Test func anUnsettledDisagreementKeepsTheOldCount() {
        #expect(PlaneCountRule.next(shown: 33, writes: 0, linkedAfter: 30, newestSeen: 2_000, settled: false) == nil)
    }
}
