import Synchronization

/// Set by the change stream when the board changed; consumed by the worker that syncs.
final class SyncTrigger: Sendable {
    private let pending = Atomic<Bool>(false)

    func signal() { pending.store(true, ordering: .releasing) }

    /// True once per signal (or burst of signals).
    func consume() -> Bool { pending.exchange(false, ordering: .acquiringAndReleasing) }
}
