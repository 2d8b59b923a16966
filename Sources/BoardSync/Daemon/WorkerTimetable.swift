/// When one integration's worker runs next: a value over offsets of the daemon's clock, changed only by
/// what happened (a board edit, a run, a lease held elsewhere, a failure), so the schedule is tested
/// without waiting. The worker sleeps until ``wakeAt`` and asks for the ``turn(at:)`` due then.
struct WorkerTimetable: Sendable, Equatable {
    enum Trigger: String, Sendable {
        case timer, change
    }

    struct Turn: Sendable, Equatable {
        var mode: SyncEngine.Mode
        var trigger: Trigger
    }

    let schedule: DaemonSchedule
    /// The next turn of the timer (the first one at once).
    private(set) var nextDue: Duration
    private(set) var nextFull: Duration
    /// When a board edit seen by the change stream is synced: its first event plus the debounce, so a
    /// burst of edits makes one run.
    private(set) var changeDue: Duration?
    /// The token of the holder that made this worker skip a timer turn: if that holder then releases the
    /// lease, it made the run and the next turn is skipped too; if the lease expires instead, its holder
    /// died and this worker takes over.
    private(set) var skippedFor: String?
    /// When stored webhook deliveries are acted on: the first notice plus the webhooks' debounce.
    private(set) var deliveryDue: Duration?

    init(schedule: DaemonSchedule, now: Duration) {
        self.schedule = schedule
        nextDue = now
        nextFull = now + schedule.fullEvery
    }

    /// When the worker must wake next.
    var wakeAt: Duration { [changeDue, deliveryDue].compactMap { $0 }.reduce(nextDue, min) }

    /// A webhook delivery was stored for the integration.
    mutating func delivered(at now: Duration) {
        if deliveryDue == nil { deliveryDue = now + (schedule.webhooks?.debounce ?? schedule.debounce) }
    }

    /// Whether the stored deliveries are to be acted on now (and from now on, not again until told).
    mutating func takeDeliveries(at now: Duration) -> Bool {
        guard let due = deliveryDue, now >= due else { return false }
        deliveryDue = nil
        return true
    }

    /// Acting on deliveries could not be done now (the lease is held elsewhere, MongoDB failed): again later.
    mutating func deliveriesWait(until time: Duration) {
        deliveryDue = min(deliveryDue ?? time, time)
    }

    mutating func boardChanged(at now: Duration) {
        if changeDue == nil { changeDue = now + schedule.debounce }
    }

    /// The turn due at `now`, if any: a full resync once `fullEvery` has passed, else a sync.
    func turn(at now: Duration) -> Turn? {
        let changed = changeDue.map { now >= $0 } ?? false
        guard changed || now >= nextDue else { return nil }
        return Turn(mode: now >= nextFull ? .full : .incremental, trigger: changed ? .change : .timer)
    }

    /// A turn begins. A waiting board edit is part of it (the run reads the board after the edit). For a
    /// timer turn, returns the holder to ask about first (see ``skippedFor``).
    mutating func begin(_ turn: Turn) -> String? {
        changeDue = nil
        defer { skippedFor = nil }
        return turn.trigger == .timer ? skippedFor : nil
    }

    /// The holder a turn was skipped for made the run: this turn is skipped too.
    mutating func skipped(at now: Duration, interval: Duration) {
        nextDue = min(now + interval, nextFull)
    }

    /// The run went through; `interval` is the next wait (with jitter). The full resync comes on its own
    /// time, whatever the interval.
    mutating func ran(_ turn: Turn, at now: Duration, interval: Duration) {
        if turn.mode == .full { nextFull = now + schedule.fullEvery }
        nextDue = min(now + interval, nextFull)
    }

    /// Another worker holds the lease: ask again soon, since a change must still be synced once the holder
    /// is done, and a holder that died is replaced once its lease expires.
    mutating func leaseHeld(_ turn: Turn, at now: Duration, pollEvery: Duration, holder: String?) {
        nextDue = now + pollEvery
        if turn.trigger == .change {
            changeDue = nextDue
        } else {
            skippedFor = holder
        }
    }

    /// The run failed (Plane outage, MongoDB error): try again after the interval, or sooner.
    mutating func failed(at now: Duration, interval: Duration) {
        nextDue = now + min(interval, schedule.retryAfterFailure)
    }
}
