import Synchronization

/// One ``PlanePacer`` per API key for the whole process, so concurrent clients of one key share one budget
/// and a long-running process (the daemon) keeps what it learned of the key's window from one run to the
/// next. Keyed by the key's SHA-256, so the registry never holds the key itself.
public final class PlanePacerRegistry: Sendable {
    /// The process-wide registry ``PlaneClient`` uses unless told otherwise.
    public static let shared = PlanePacerRegistry()

    private let pacers = Mutex<[String: PlanePacer]>([:])

    public init() {}

    /// The pacer of `key`, created on first use on `clock`. A later call with another limit or reserve
    /// (the integration's settings changed) gets the same pacer, which follows the new settings from its
    /// next request on; it keeps the clock it was made with.
    public func pacer(
        for key: PlaneAPIKey, limit: PlaneRateLimit, reserve: Double = PlaneClientConfiguration.defaultRateReserve,
        clock: any Clock<Duration>
    ) -> PlanePacer {
        let digest = key.digest
        let pacer = pacers.withLock { pacers in
            if let existing = pacers[digest] { return existing }
            let pacer = PlanePacer(limit: limit, reserve: reserve, clock: clock)
            pacers[digest] = pacer
            return pacer
        }
        pacer.update(PlanePacer.Settings(limit: limit, reserveShare: reserve))
        return pacer
    }

    /// How many keys have a pacer.
    public var count: Int { pacers.withLock { $0.count } }
}
