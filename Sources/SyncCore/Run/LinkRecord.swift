import Foundation

/// When an item whose last attempt failed (or that could not be mirrored) is decided again before its
/// backoff ends: as soon as the board item or the configuration changed, since either may be the fix, or
/// its Plane item is found gone (deleted or archived by hand: a new situation, not the failure again).
public enum RetryRule {
    public static func changedSinceFailure(
        _ link: Link, input: String?, configuration: String, plane: PlaneObservation = .notFetched
    ) -> Bool {
        if let failed = link.failedInput, let input, failed != input { return true }
        if let failed = link.failedConfiguration, failed != configuration { return true }
        switch plane {
        case .deleted, .archived: return link.planeItemId != nil
        default: return false
        }
    }
}

/// What the executor writes on an item's link for an action that sends nothing to Plane: the record of why
/// an in-scope item is not mirrored (so `status`, `explain` and the next run know, and the cursor can pass
/// it), its clearing once it is decided fine, or the link's removal once moot (README, "Conflicts and events").
public enum LinkRecord: Sendable, Hashable {
    /// The item cannot be mirrored now: the link's state, why, failures in a row, when to decide it again, and
    /// what it was decided on (its input fingerprint, the configuration digest).
    case problem(
        state: Link.State, reason: String, attempts: Int, nextAttemptAt: Date, input: String?, configuration: String)
    /// It waits for what this run or the next provides (its parent's Plane id): decided again by the next
    /// run, no attempt charged.
    case waiting(state: Link.State, reason: String, nextAttemptAt: Date, input: String?, configuration: String)
    /// Decided fine after a recorded failure or problem: attempts, error and next attempt go.
    case clear
    /// The record of an item never sent to Plane whose item left the scope or the board: the link goes.
    case forget

    /// - Returns: nil when the link stays as it is.
    public static func after(_ planned: PlannedAction, link: Link?, now: Date, configurationDigest: String)
        -> LinkRecord?
    {
        guard case .skip(let reason) = planned.action else { return nil }
        // Held, unlinked and orphaned links are a person's business; the record does not touch them.
        if let state = link?.state, [.conflict, .unlinked, .orphaned].contains(state) { return nil }
        // A link that never reached Plane is `blocked`; one that may have (a create, a failed write) keeps
        // its state, so the next attempt still looks the pair up before any POST.
        let state = link.map { $0.state == .blocked ? .blocked : $0.state } ?? .blocked
        switch reason {
        case .itemProblem:
            let attempts = (link?.attempts ?? 0) + 1
            return .problem(
                state: state, reason: planned.message, attempts: attempts,
                nextAttemptAt: Backoff.nextAttempt(after: attempts, now: now), input: planned.inputFingerprint,
                configuration: configurationDigest)
        case .waitingForParent, .waitingForLabels:
            return .waiting(
                state: state, reason: planned.message, nextAttemptAt: now, input: planned.inputFingerprint,
                configuration: configurationDigest)
        case .unchanged, .noEffectiveChange:
            guard let link, link.attempts > 0 || link.nextAttemptAt != nil || link.failedInput != nil else {
                return nil
            }
            return .clear
        case .outOfScope, .projectNotMapped, .neverMirrored:
            guard let link, [.blocked, .ambiguous].contains(link.state), link.planeItemId == nil else { return nil }
            return .forget
        default:
            return nil
        }
    }
}
