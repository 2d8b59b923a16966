/// How long a lease lasts and how often its holder renews it (`lease.duration.seconds`,
/// `lease.renew.seconds`; flags `--lease-duration`, `--lease-renew`).
public struct LeaseSettings: Sendable, Equatable {
    /// How long the lease stays valid after each renewal, judged on the server's clock.
    public var duration: Duration
    /// How often the holder's own task renews it; well under `duration`, so one failed renewal is survived.
    public var renewEvery: Duration
    /// A Plane write starts only with at least this much of the lease left (else it renews first or stops).
    public var minimumLeft: Duration
    /// How often a run that waits (`--wait`) or a daemon that found it held asks again.
    public var pollEvery: Duration

    public init(
        duration: Duration = .seconds(60), renewEvery: Duration? = nil, minimumLeft: Duration? = nil,
        pollEvery: Duration? = nil
    ) {
        self.duration = duration
        self.renewEvery = renewEvery ?? duration / 3
        self.minimumLeft = minimumLeft ?? duration / 4
        self.pollEvery = pollEvery ?? min(.seconds(2), duration / 4)
    }

    /// Checks that renewal comes often enough to keep the lease.
    public func validate() throws(SettingsError) {
        guard duration >= .milliseconds(200) else {
            throw SettingsError(setting: "lease.duration.seconds", reason: "must be at least 0.2 s")
        }
        guard renewEvery > .zero, renewEvery < duration / 2 else {
            throw SettingsError(
                setting: "lease.renew.seconds",
                reason:
                    "must be above 0 and below half the lease duration (\(duration)), so one missed renewal is survived"
            )
        }
    }
}
