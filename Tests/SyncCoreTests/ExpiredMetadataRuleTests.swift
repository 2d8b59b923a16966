import Foundation
import SyncCore
import Testing

/// A plan made on an expired copy of Plane's metadata stands only when nothing in it could depend on it.
@Suite struct ExpiredMetadataRuleTests {
    static func plan(_ actions: [SyncAction], blocked: String? = nil) -> SyncPlan {
        var plan = SyncPlan(
            actions: actions.enumerated().map { index, action in
                PlannedAction(
                    boardItemId: .string("b\(index)"), planeProjectId: "p", planeItemId: "w\(index)", action: action)
            })
        plan.blocked = blocked
        return plan
    }

    @Test func skipsNoMetadataCouldChangeStand() {
        #expect(ExpiredMetadataRule.stands(Self.plan([])))
        #expect(
            ExpiredMetadataRule.stands(
                Self.plan([
                    .skip(.unchanged), .skip(.noEffectiveChange), .skip(.backoff(until: Date())),
                    .skip(.conflictPending),
                    .skip(.outOfScope("status")), .skip(.unlinked), .skip(.neverMirrored),
                ])))
    }

    @Test func aWriteAConflictOrASkipNewerMetadataCouldLiftNeedsItRead() {
        #expect(!ExpiredMetadataRule.stands(Self.plan([.skip(.unchanged), .update(changes: [], overwritten: [])])))
        #expect(!ExpiredMetadataRule.stands(Self.plan([.delete(reason: .boardItemDeleted)])))
        #expect(!ExpiredMetadataRule.stands(Self.plan([.createLabel(name: "x")])))
        #expect(!ExpiredMetadataRule.stands(Self.plan([.skip(.noPlaneMetadata(planeProjectId: "p"))])))
        #expect(!ExpiredMetadataRule.stands(Self.plan([.skip(.waitingForLabels(["x"]))])))
        #expect(!ExpiredMetadataRule.stands(Self.plan([.skip(.planeStateUnknown)])))
        #expect(!ExpiredMetadataRule.stands(Self.plan([.skip(.unchanged)], blocked: "the breaker")))
    }
}
