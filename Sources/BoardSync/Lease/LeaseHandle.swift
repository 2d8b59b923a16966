import Foundation
import Logging
import Synchronization

/// A lease this process holds: its fencing token, how long it has left on the keeper's clock (a monotonic
/// one; a manual one in tests), and whether it was lost. The run asks ``checkBeforeWrite()`` before each write; ``keepRenewed()`` runs
/// in a task of its own so a long wait (a `Retry-After`, a slow request) does not lose it.
public final class LeaseHandle: Sendable {
    public let integrationId: String
    public let token: String
    public let holder: String
    public let settings: LeaseSettings
    let store: LeaseStore
    let clock: InjectedClock
    let logger: Logger
    private let state: Mutex<State>

    struct State {
        /// Until when this process may write, on ``clock``: the send time of the last successful renewal
        /// plus the duration, which is never later than the expiry the server wrote.
        var deadline: Duration
        var lost: String?
    }

    init(
        integrationId: String, token: String, holder: String, settings: LeaseSettings, store: LeaseStore,
        clock: InjectedClock, sentAt: Duration, logger: Logger
    ) {
        self.integrationId = integrationId
        self.token = token
        self.holder = holder
        self.settings = settings
        self.store = store
        self.clock = clock
        self.logger = logger
        state = Mutex(State(deadline: sentAt + settings.duration, lost: nil))
    }

    /// Why the lease was lost; nil while it is held.
    public var lostReason: String? { state.withLock { $0.lost } }

    public var timeLeft: Duration {
        let now = clock.now()
        return state.withLock { $0.lost == nil ? max(.zero, $0.deadline - now) : .zero }
    }

    /// Throws ``RunStopped`` (kind `leaseLost`) unless the lease is held with at least
    /// ``LeaseSettings/minimumLeft`` to go; when less is left it renews first. With enough time left it still
    /// reads the lease (one look-up by `_id`, cheap beside a paced Plane write), so a lease taken away is
    /// noticed before the very next write, not at the next renewal.
    public func checkBeforeWrite() async throws {
        if let lost = lostReason { throw Self.stopped(lost) }
        if timeLeft >= settings.minimumLeft {
            // A MongoDB hiccup here does not stop the run: the deadline still bounds it.
            if let current = try? await store.current(integrationId),
                current.token != token || current.releasedAt != nil
            {
                markLost("another worker holds it now (\(current.holder))")
                throw Self.stopped(lostReason ?? "")
            }
            return
        }
        await renew()
        if let lost = lostReason { throw Self.stopped(lost) }
        if timeLeft < settings.minimumLeft {
            markLost("it could not be renewed in time (\(timeLeft) left)")
            throw Self.stopped(lostReason ?? "")
        }
    }

    /// Renews every ``LeaseSettings/renewEvery`` until the task is cancelled or the lease is lost.
    public func keepRenewed() async {
        while !Task.isCancelled, lostReason == nil {
            do {
                try await clock.sleep(for: settings.renewEvery)
            } catch {
                return
            }
            await renew()
        }
    }

    /// One renewal; a failure is only a loss once the deadline has passed or the token is no longer the holder's.
    func renew() async {
        guard lostReason == nil else { return }
        let sentAt = clock.now()
        do {
            if try await store.renew(integrationId: integrationId, token: token, duration: settings.duration) != nil {
                state.withLock { $0.deadline = max($0.deadline, sentAt + settings.duration) }
            } else {
                markLost("another worker holds it now (it expired before it was renewed, or was released)")
            }
        } catch {
            logger.warning(
                "lease renewal failed; retrying", metadata: ["integration": "\(integrationId)", "error": "\(error)"])
            if clock.now() >= state.withLock({ $0.deadline }) {
                markLost("it expired while MongoDB could not renew it (\(error))")
            }
        }
    }

    func markLost(_ reason: String) {
        let first = state.withLock { state -> Bool in
            guard state.lost == nil else { return false }
            state.lost = reason
            return true
        }
        if first {
            logger.error(
                "lease lost; writing stops", metadata: ["integration": "\(integrationId)", "reason": "\(reason)"])
        }
    }

    static func stopped(_ reason: String) -> RunStopped {
        RunStopped(kind: .leaseLost, reason: reason)
    }
}
