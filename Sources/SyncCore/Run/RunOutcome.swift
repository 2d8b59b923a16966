/// How one run of one integration ended, as far as its exit code is concerned: the one decision behind
/// the command line's exit status and the run recorded in the history (docs/architecture.md, "Exit codes").
public enum RunOutcome: Sendable, Equatable {
    /// The plan was gone through. `failedItems`: items whose write failed or that cannot be mirrored;
    /// `heldBack`: part of the plan was left for later (a breaker blocked deletes, or Plane failed some
    /// writes that are retried next run).
    case completed(failedItems: Int, heldBack: Bool)
    /// Stopped by SIGTERM or SIGINT at a safe point: the checkpoint saved before the undone work, the
    /// lease released.
    case stoppedBySignal
    /// Plane or MongoDB could not be reached (an outage): nothing counted against items.
    case unavailable
    /// The configuration or an integration document is wrong (a `check` failure, a missing key).
    case configuration
    /// Another worker holds the integration's lease, or this run lost it.
    case leaseUnavailable

    /// The exit status: 0 done; 3 done but items failed or were held back; 1 could not complete;
    /// 2 configuration; 75 the lease is elsewhere; 143 stopped by a signal (128 + SIGTERM).
    public var exitCode: Int32 {
        switch self {
        case .completed(let failed, let heldBack): failed > 0 || heldBack ? 3 : 0
        case .stoppedBySignal: 143
        case .unavailable: 1
        case .configuration: 2
        case .leaseUnavailable: 75
        }
    }

    /// The exit status of a process that served several integrations: the most serious one's. A signal
    /// outranks everything (the rest was not run), then a configuration to fix, an outage, failed items,
    /// and last a lease held elsewhere (the next schedule simply tries again).
    public static func exitCode(of outcomes: some Sequence<RunOutcome>) -> Int32 {
        outcomes.max { $0.severity < $1.severity }?.exitCode ?? 0
    }

    /// The exit status for exit statuses already decided (usage errors, several commands' results).
    public static func mostSerious(_ codes: some Sequence<Int32>) -> Int32 {
        codes.max { severity(of: $0) < severity(of: $1) } ?? 0
    }

    private var severity: Int { Self.severity(of: exitCode) }

    private static func severity(of code: Int32) -> Int {
        switch code {
        case 0: 0
        case 75: 1
        case 3: 2
        case 1: 3
        case 2: 4
        case 143: 5
        default: 3  // an unknown failure counts as "could not complete"
        }
    }
}
