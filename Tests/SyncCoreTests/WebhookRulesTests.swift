import Foundation
import SyncCore
import Testing

/// SyncCore's webhook decisions: which deliveries are decided, when the deliveries stop being trusted,
/// and when a tick lists Plane.
@Suite struct WebhookRulesTests {
    static func delivery(
        _ id: String, item: String? = "w1", micros: Int64? = 100, event: String? = "issue", action: String? = "updated",
        source: String? = "nexus", project: String? = "p1"
    ) -> DeliveryChoice.Delivery {
        DeliveryChoice.Delivery(
            id: id, event: event, action: action, itemId: item, projectId: project, externalSource: source,
            updatedAtMicros: micros)
    }

    static func verdicts(_ deliveries: [DeliveryChoice.Delivery], known: DeliveryChoice.Known = .init())
        -> [String: DeliveryChoice.Verdict]
    {
        DeliveryChoice.verdicts(deliveries, externalSource: "nexus", projects: ["p1"], known: known)
    }

    @Test func eachItemIsDecidedOnceOnItsNewestDelivery() {
        let result = Self.verdicts([
            Self.delivery("a", micros: 100), Self.delivery("b", micros: 100), Self.delivery("c", micros: 300),
            Self.delivery("d", micros: 200), Self.delivery("e", item: "w2", micros: 50),
        ])
        #expect(result == ["a": .superseded, "b": .superseded, "c": .decide, "d": .superseded, "e": .decide])
    }

    @Test func theDeliveriesOfOnePatchMakeOneDecision() {
        let result = Self.verdicts([Self.delivery("name"), Self.delivery("priority"), Self.delivery("labels")])
        #expect(result == ["name": .decide, "priority": .superseded, "labels": .superseded])
    }

    @Test func aDeliveryNoNewerThanWhatIsKnownIsStale() {
        let known = DeliveryChoice.Known(watermarkMicros: 150, decidedMicros: ["w2": 500])
        let result = Self.verdicts(
            [
                Self.delivery("late", micros: 100), Self.delivery("atMark", micros: 150),
                Self.delivery("new", micros: 151), Self.delivery("retried", item: "w2", micros: 400),
                Self.delivery("same", item: "w2", micros: 500), Self.delivery("newer", item: "w2", micros: 501),
            ], known: known)
        #expect(
            result == [
                "late": .stale, "atMark": .stale, "new": .decide, "retried": .stale, "same": .stale, "newer": .decide,
            ])
    }

    @Test func whatIsNotAWorkItemOfThisIntegrationIsIgnored() {
        let result = Self.verdicts([
            Self.delivery("comment", event: "issue_comment"), Self.delivery("other", source: "jira"),
            Self.delivery("unmapped", project: "p9"), Self.delivery("deleted", action: "deleted"),
            Self.delivery("noItem", item: nil), Self.delivery("noTime", micros: nil),
            Self.delivery("noSource", source: nil), Self.delivery("created", micros: 9, action: "created"),
        ])
        let decided = result.filter { $0.value != DeliveryChoice.Verdict.ignored }.map(\.key)
        #expect(decided == ["created"])
    }

    // MARK: - DeliveredPlanRule

    @Test func anItemPlannedOnADeliveryIsReadAgainOnlyWhenItsActionWritesToPlane() {
        let actions: [SyncAction] = [
            .skip(.unchanged), .update(changes: [], overwritten: []), .delete(reason: .boardItemDeleted),
            .unlink(reason: .keptByPolicy), .adopt(changes: []), .update(changes: [], overwritten: []),
            .delete(reason: .orphan),
        ]
        let plan = SyncPlan(
            actions: actions.enumerated().map { index, action in
                PlannedAction(
                    boardItemId: .string("b\(index)"), planeProjectId: "p", planeItemId: "w\(index)", action: action)
            } + [
                PlannedAction(
                    boardItemId: nil, planeProjectId: "p", planeItemId: nil, action: .createLabel(name: "ops"))
            ])
        let delivered: Set<BoardItemID> = [.string("b0"), .string("b1"), .string("b2"), .string("b3"), .string("b4")]
        // b5's and b6's Plane side was read by id this run already: their plan stands.
        #expect(DeliveredPlanRule.itemsToRead(plan, asDelivered: delivered) == [.string("b1"), .string("b2")])
        #expect(DeliveredPlanRule.itemsToRead(plan, asDelivered: []).isEmpty)
    }

    // MARK: - EchoWatch

    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func anIdleWorkspaceStaysHealthy() {
        var watch = EchoWatch(timeout: 60)
        let saidAfterADay = watch.check(now: Self.t0.addingTimeInterval(86_400))
        #expect(!saidAfterADay)
        #expect(watch.isHealthy)
    }

    @Test func echoesThatArriveKeepItHealthyAndAMissedOneFallsBack() {
        var watch = EchoWatch(timeout: 60)
        watch.wrote(["w1", "w2"], at: Self.t0)
        watch.delivered(item: "w1", receivedAt: Self.t0.addingTimeInterval(0.3))
        let saidBeforeTheTimeout = watch.check(now: Self.t0.addingTimeInterval(59))
        #expect(!saidBeforeTheTimeout)
        // A delivery received before the write (more than the clocks' skew) is no echo of it.
        watch.delivered(item: "w2", receivedAt: Self.t0.addingTimeInterval(-6))
        let saidAfterTheTimeout = watch.check(now: Self.t0.addingTimeInterval(61))
        #expect(saidAfterTheTimeout)
        #expect(!watch.isHealthy && watch.missed?.item == "w2" && watch.missed?.wroteAt == Self.t0)
        let saidAgain = watch.check(now: Self.t0.addingTimeInterval(120))
        #expect(!saidAgain, "said once")
        // Any delivery after the fallback began shows the webhook works again.
        watch.delivered(item: "w9", receivedAt: Self.t0.addingTimeInterval(200))
        #expect(watch.isHealthy && watch.missed == nil)
    }

    @Test func anEchoStampedByAReplicaWhoseClockIsBehindStillCounts() {
        var watch = EchoWatch(timeout: 60, clockSkew: 5)
        // The run began at t0; the echo was received by a replica whose clock is 3 s behind.
        watch.wrote(["w1"], at: Self.t0)
        watch.delivered(item: "w1", receivedAt: Self.t0.addingTimeInterval(-3))
        let fellBack = watch.check(now: Self.t0.addingTimeInterval(120))
        #expect(!fellBack && watch.isHealthy && watch.awaiting.isEmpty)
    }

    @Test func aDeliveryFromBeforeTheFallbackDoesNotRestoreIt() {
        var watch = EchoWatch(timeout: 10)
        watch.wrote(["w1"], at: Self.t0)
        let fellBack = watch.check(now: Self.t0.addingTimeInterval(11))
        #expect(fellBack)
        watch.delivered(item: "w1", receivedAt: Self.t0.addingTimeInterval(5))
        #expect(!watch.isHealthy)
    }

    // MARK: - ListingRule

    static func facts(
        webhooks: Bool = true, healthy: Bool = true, pending: Bool = false, since: Duration? = .seconds(60)
    ) -> ListingRule.Facts {
        ListingRule.Facts(
            webhooks: webhooks, healthy: healthy, boardPending: pending, sinceListing: since,
            planePoll: .seconds(900))
    }

    @Test func aTickSkipsTheListingOnlyWhenEverythingAllowsIt() {
        #expect(ListingRule.decide(Self.facts()) == .skip)
        #expect(ListingRule.decide(Self.facts(webhooks: false)) == .list, "without webhooks nothing changes")
        #expect(ListingRule.decide(Self.facts(healthy: false)) == .list, "deliveries not trusted")
        #expect(ListingRule.decide(Self.facts(pending: true)) == .list, "a board change is pushed after a listing")
        #expect(ListingRule.decide(Self.facts(since: nil)) == .list, "no listing yet")
        #expect(ListingRule.decide(Self.facts(since: .seconds(900))) == .list, "the plane poll is due")
        #expect(ListingRule.decide(Self.facts(since: .seconds(899))) == .skip)
    }
}

/// A Plane change listed for an item the plan does not decide: marked on its link, or the watermark waits.
@Suite struct UndecidedPlaneChangeRuleTests {
    static let linked = Link(boardItemId: .string("b"), planeProjectId: "p", planeItemId: "w", state: .failed)

    @Test func aLinkedItemInItsBackoffIsMarkedOnItsLink() {
        #expect(
            UndecidedPlaneChange.keeping(link: Self.linked, action: .skip(.backoff(until: Date()))) == .markLink)
        // Its board document unreadable: not decided at all.
        #expect(UndecidedPlaneChange.keeping(link: Self.linked, action: nil) == .markLink)
    }

    @Test func aDecidedItemNeedsNothingAndAnItemWithoutAPlaneLinkHoldsTheWatermark() {
        #expect(UndecidedPlaneChange.keeping(link: Self.linked, action: .skip(.unchanged)) == .decided)
        #expect(
            UndecidedPlaneChange.keeping(link: Self.linked, action: .update(changes: [], overwritten: [])) == .decided)
        #expect(UndecidedPlaneChange.keeping(link: nil, action: nil) == .holdWatermark)
        var creating = Self.linked
        creating.state = .creating
        #expect(UndecidedPlaneChange.keeping(link: creating, action: nil) == .holdWatermark)
        var unlinked = Self.linked
        unlinked.state = .unlinked
        #expect(UndecidedPlaneChange.keeping(link: unlinked, action: nil) == .holdWatermark)
        var neverSent = Self.linked
        neverSent.planeItemId = nil
        #expect(UndecidedPlaneChange.keeping(link: neverSent, action: nil) == .holdWatermark)
    }

    @Test func aMarkedLinkIsDecidedOnPlanesItemReadById() {
        var marked = Self.linked
        #expect(!UndecidedPlaneChange.readsCurrent(marked))
        marked.undecidedPlaneChange = 1_800_000_000_000_000
        #expect(UndecidedPlaneChange.readsCurrent(marked))
    }

    @Test func aMarkedLinkIsReadByIdOverADelivery() {
        var marked = Self.linked
        #expect(!UndecidedPlaneChange.readsOverDelivery(marked))
        marked.undecidedPlaneChange = 1_800_000_000_000_000
        #expect(UndecidedPlaneChange.readsOverDelivery(marked))
        var unlinked = marked
        unlinked.state = .unlinked
        #expect(!UndecidedPlaneChange.readsOverDelivery(unlinked))
        var neverSent = marked
        neverSent.planeItemId = nil
        #expect(!UndecidedPlaneChange.readsOverDelivery(neverSent))
    }

    @Test func onlyAnUnchangedDecisionClearsAMarkByItself() {
        var marked = Self.linked
        #expect(!UndecidedPlaneChange.clearsMark(.skip(.unchanged), link: marked))
        #expect(!UndecidedPlaneChange.clearsMark(.skip(.unchanged), link: nil))
        marked.undecidedPlaneChange = 1_800_000_000_000_000
        #expect(UndecidedPlaneChange.clearsMark(.skip(.unchanged), link: marked))
        // Still in its backoff: not decided at all.
        #expect(!UndecidedPlaneChange.clearsMark(.skip(.backoff(until: Date())), link: marked))
        // A write or a saved fingerprint clears the mark with what it saves.
        #expect(!UndecidedPlaneChange.clearsMark(.update(changes: [], overwritten: []), link: marked))
        #expect(!UndecidedPlaneChange.clearsMark(.skip(.noEffectiveChange), link: marked))
    }
}
