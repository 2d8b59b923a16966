import Synchronization

/// One ``PlanePacer`` per API key for the whole process, so concurrent clients of one key
/// share one budget. Keyed by the key's SHA-256, so the registry never holds the key itself.
public final class PlanePacerRegistry: Sendable {
    /// The process-wide registry ``PlaneClient`` uses unless told otherwise.
    public static let shared = PlanePacerRegistry()

    private let pacers = Mutex<[String: PlanePacer]>([:])

    public init() {}

    /// The pacer of `key`, created on first use with `limit`. Later calls get the same pacer
    /// whatever limit they pass: the first configuration of a key wins.
    public func pacer(for key: PlaneAPIKey, limit: PlaneRateLimit, clock: any PlaneClock) -> PlanePacer {
        let digest = key.digest
        return pacers.withLock { pacers in
            if let existing = pacers[digest] { return existing }
            let pacer = PlanePacer(limit: limit, clock: clock)
            pacers[digest] = pacer
            return pacer
        }
    }

    /// How many keys have a pacer.
    public var count: Int { pacers.withLock { $0.count } }
}
