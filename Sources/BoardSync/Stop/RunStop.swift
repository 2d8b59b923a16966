import Synchronization

/// A request to stop (SIGTERM, SIGINT) shared by the runs of one process: once made, each run finishes
/// the action in flight, leaves the rest of its plan for the next run, saves its checkpoint and gives its
/// lease back. Runs started through ``run(_:)`` are also cancelled, so a wait on the rate budget (or a
/// backoff, or waiting for a lease) ends at once instead of after its full length; a request already sent
/// is seen through (``UninterruptedTransport``) and MongoDB writes are not cancellable, so what was done
/// is recorded.
public final class RunStop: Sendable {
    private struct State {
        var reason: String?
        var cancellations: [Int: @Sendable () -> Void] = [:]
        var next = 0
    }

    private let state = Mutex(State())

    public init() {}

    public var isRequested: Bool { state.withLock { $0.reason != nil } }

    /// What asked to stop, e.g. `SIGTERM`.
    public var reason: String? { state.withLock { $0.reason } }

    /// Asks every run to stop; only the first request counts.
    public func request(_ reason: String) {
        let cancellations = state.withLock { state -> [@Sendable () -> Void] in
            guard state.reason == nil else { return [] }
            state.reason = reason
            return Array(state.cancellations.values)
        }
        for cancel in cancellations { cancel() }
    }

    /// Runs `body` so that a stop request cancels it (at once if the stop was already requested).
    public func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await body() }
        let (id, requested) = state.withLock { state -> (Int, Bool) in
            let id = state.next
            state.next += 1
            state.cancellations[id] = { task.cancel() }
            return (id, state.reason != nil)
        }
        if requested { task.cancel() }
        defer { _ = state.withLock { $0.cancellations.removeValue(forKey: id) } }
        return try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }
}
