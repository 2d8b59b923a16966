import Foundation

/// Why an incremental run reads the whole board this time (MongoDB only: no Plane budget) and decides
/// every item by fingerprint: what the cursor misses is caught (issue 12, cases 2, 3, 9, 11).
public enum BoardPassReason: String, Sendable, Hashable {
    /// No pass recorded yet (a first run, or one from before passes were kept).
    case first
    /// The integration document changed (mapping, scope, projects): every item may be decided differently.
    case configurationChanged = "configuration changed"
    /// `policy.board_pass_minutes` went by since the last pass: a board writer whose clock runs behind
    /// stamps edits the cursor has passed already.
    case scheduled
    /// The incremental plan deletes: the mass-delete breaker judges what the whole board would delete.
    case deletes
}

public enum BoardPassRule {
    /// Whether this incremental run starts as a board pass, and why; nil when it reads from the cursor.
    /// - Parameters:
    ///   - lastPass: when the last completed pass ran (`sync_state.board_pass_at`).
    ///   - storedDigest: the configuration digest of that pass (`sync_state.configuration_digest`).
    public static func reason(
        lastPass: Date?, storedDigest: String?, configuration: SyncConfiguration, now: Date
    ) -> BoardPassReason? {
        guard let lastPass, let storedDigest else { return .first }
        if storedDigest != Fingerprint.configuration(configuration) { return .configurationChanged }
        if now.timeIntervalSince(lastPass) >= configuration.policy.boardPassEvery { return .scheduled }
        // A pass recorded in the future (a clock that ran ahead) is not waited for.
        if lastPass.timeIntervalSince(now) > configuration.policy.boardPassEvery { return .scheduled }
        return nil
    }

    /// An incremental plan that deletes (or whose deletes the breaker held) is made again from the whole
    /// board, so the breaker weighs every delete the board implies, not the few this run happened to read.
    public static func escalates(_ plan: SyncPlan) -> Bool {
        plan.actions.contains { $0.kind == .delete || $0.action == .skip(.deleteBlocked) }
    }
}
