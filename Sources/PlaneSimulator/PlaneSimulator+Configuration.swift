import Foundation
import Logging

extension PlaneSimulator {
    /// How to start a simulator. Every knob has Plane's default except the port (ephemeral).
    public struct Configuration: Sendable {
        /// Path of the seed file; ignored when ``seed`` is set. Default: `fixtures/plane-seed.json`.
        public var seedFile: String?
        /// An already decoded seed.
        public var seed: PlaneSeed?
        public var host: String
        /// 0 picks a free port.
        public var port: Int
        /// Plane's `API_KEY_RATE_LIMIT` form, `N/period` (s, m, h, d). Default `60/minute`.
        public var rateLimit: String
        /// Offset of the key owner's profile timezone: `Z`, `+00:00`, `+05:30`, `-04:00`. Default UTC.
        public var timezone: String
        /// Delay of Plane's asynchronous `updated_at` bump after each write. Default 60 ms.
        public var bumpDelay: Duration
        /// The simulator's time: the rate limiter's window, `X-RateLimit-Reset`, the `updated_at` bump, injected
        /// delays and the request log's times. Default the real, continuous clock; tests inject a clock whose
        /// time they move themselves, and then never wait for a window to pass.
        public var clock: any Clock<Duration>
        /// The wall-clock time ``clock``'s start stands for (`X-RateLimit-Reset` is in epoch seconds). Default
        /// the moment the simulator starts.
        public var startDate: Date?
        /// Token the `/_sim/` admin API requires in `X-Sim-Admin-Token`; nil disables that API.
        public var adminToken: String?
        /// Largest accepted request body (Plane: 5 MiB); larger ones get 413.
        public var maxBodyBytes: Int
        /// Seed of the generator used by fractional fault rules.
        public var faultSeed: UInt64
        /// The request log keeps this many newest entries (benchmarks send many requests).
        public var requestLogLimit: Int
        /// Plane's 409 for a second item with the same external pair. Plane checks without a lock, so
        /// two POSTs that race both get through; false answers every POST as if it had lost that race
        /// (the crash trials use it to test BoardSync's own lookup, not Plane's check).
        public var externalPairConflict = true
        /// How long a create stays between Plane's duplicate check and its insert (real time: it stands for
        /// Plane's lack of a lock). Creates that arrive within it both get through; a test of that race widens
        /// it so that its concurrent requests surely meet, whatever the machine's load.
        public var externalPairRaceWindow: Duration = .microseconds(200)
        /// A workspace webhook for `issue` events: each work item create and changed field is POSTed there
        /// like Plane does (`fixtures/plane-samples/webhooks/`). Nil sends nothing; ``PlaneSimulator/setWebhook(_:)``
        /// changes it while running.
        public var webhook: WebhookTarget?
        public var logger: Logger

        public static let defaultSeedPath = "fixtures/plane-seed.json"

        public init(
            seedFile: String? = nil, seed: PlaneSeed? = nil, host: String = "127.0.0.1", port: Int = 0,
            rateLimit: String = "60/minute", timezone: String = "Z", bumpDelay: Duration = .milliseconds(60),
            clock: any Clock<Duration> = ContinuousClock(), startDate: Date? = nil, adminToken: String? = nil,
            maxBodyBytes: Int = 5 * 1024 * 1024, faultSeed: UInt64 = 42,
            logger: Logger, requestLogLimit: Int = 100_000
        ) {
            self.seedFile = seedFile
            self.seed = seed
            self.host = host
            self.port = port
            self.rateLimit = rateLimit
            self.timezone = timezone
            self.bumpDelay = bumpDelay
            self.clock = clock
            self.startDate = startDate
            self.adminToken = adminToken
            self.maxBodyBytes = maxBodyBytes
            self.faultSeed = faultSeed
            self.logger = logger
            self.requestLogLimit = requestLogLimit
        }
    }
}
