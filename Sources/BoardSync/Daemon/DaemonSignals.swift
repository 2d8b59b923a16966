import Synchronization

/// Set once when the daemon is asked to stop (SIGTERM, SIGINT): runs finish the item in flight,
/// checkpoint and give their leases back.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    var isSet: Bool { flag.load(ordering: .acquiring) }

    func set() { flag.store(true, ordering: .releasing) }
}

/// Set by the change stream when the board changed; consumed by the worker that syncs.
final class SyncTrigger: Sendable {
    private let pending = Atomic<Bool>(false)

    func signal() { pending.store(true, ordering: .releasing) }

    /// True once per signal (or burst of signals).
    func consume() -> Bool { pending.exchange(false, ordering: .acquiringAndReleasing) }
}
