import Foundation
import PlaneAPI
import SyncCore

extension SyncEngine {
    public struct Options: Sendable {
        public var mode: Mode
        public var dryRun: Bool
        /// Re-read board items this far before the cursor (commit lag, clock skew).
        public var overlap: Duration
        /// Only this board item (`resync --item`), whatever its backoff.
        public var onlyItem: BoardItemID?
        public var requestTimeout: Duration
        /// How Plane's 5xx and network errors are retried before they count as an outage.
        public var retry: PlaneRetryPolicy
        public var transport: (any HTTPTransport)?
        public var now: @Sendable () -> Date
        /// Asked with the plan and the number of mirrored items before anything is applied (`resync` shows
        /// the plan and asks); `false` ends the run as a dry run.
        public var approve: (@Sendable (SyncPlan, Int) async -> Bool)?
        /// Told after each applied action (a progress bar, periodic log lines); not called on a dry run.
        public var progress: (@Sendable (SyncProgress) -> Void)?
        /// The integration's lease: its token goes into every link, approval and Plane write, and it is
        /// checked before each write. nil runs without one (tests, dry runs).
        public var lease: LeaseHandle?
        /// The run's `board.sync.run.started` event was recorded with this run id when the lease was taken.
        public var recordedRunId: String?
        /// Asked between items: true finishes the run early (shutdown), the rest left for the next run.
        public var stopRequested: (@Sendable () -> Bool)?
        /// Items per page of Plane's recent changes (one page covers a normal run's changes).
        public var planePageSize = 250
        /// Adopt Plane items made by hand by their title (`resync --adopt-by-title`; SyncCore's ``TitleMatcher``):
        /// only on a run that lists both sides whole.
        public var adoptByTitle = false
        /// Plane's side from webhook deliveries: only these items are decided, each on the work item its
        /// delivery carries (read by id where it carries none, or where its board item waits to be pushed);
        /// nothing else of Plane is listed and the checkpoint stays where it is.
        public var delivered: [DeliveredItem]?

        /// The run decides chosen items only (`resync --item`, webhook deliveries): no board pass, no
        /// adoption, no checkpoint.
        var scoped: Bool { onlyItem != nil || delivered != nil }

        public init(
            mode: Mode, dryRun: Bool = false, overlap: Duration = .seconds(300), onlyItem: BoardItemID? = nil,
            requestTimeout: Duration = .seconds(30), retry: PlaneRetryPolicy = PlaneRetryPolicy(),
            transport: (any HTTPTransport)? = nil, now: @escaping @Sendable () -> Date = { Date() }
        ) {
            self.mode = mode
            self.dryRun = dryRun
            self.overlap = overlap
            self.onlyItem = onlyItem
            self.requestTimeout = requestTimeout
            self.retry = retry
            self.transport = transport
            self.now = now
        }
    }
}
