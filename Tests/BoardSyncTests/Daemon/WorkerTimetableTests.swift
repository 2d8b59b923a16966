import Testing

@testable import BoardSync

/// When a worker runs: at once, then every interval; a burst of board edits after the debounce, once; a
/// full resync on its own time; a held lease asked about again soon.
@Suite struct WorkerTimetableTests {
    static let schedule = DaemonSchedule(
        interval: .seconds(60), fullEvery: .seconds(3600), jitter: 0, debounce: .milliseconds(500))
    static let start = Duration.seconds(1000)

    @Test func theFirstTurnIsAtOnceAndTheNextAfterTheInterval() {
        var timetable = WorkerTimetable(schedule: Self.schedule, now: Self.start)
        let first = timetable.turn(at: Self.start)
        #expect(first == WorkerTimetable.Turn(mode: .incremental, trigger: .timer))
        _ = timetable.begin(first!)
        timetable.ran(first!, at: Self.start + .seconds(2), interval: .seconds(60))
        #expect(timetable.wakeAt == Self.start + .seconds(62))
        #expect(timetable.turn(at: Self.start + .seconds(61)) == nil)
        #expect(timetable.turn(at: Self.start + .seconds(62))?.trigger == .timer)
    }

    @Test func aBurstOfEditsMakesOneTurnAfterTheDebounce() {
        var timetable = WorkerTimetable(schedule: Self.schedule, now: Self.start)
        let first = timetable.turn(at: Self.start)!
        _ = timetable.begin(first)
        timetable.ran(first, at: Self.start, interval: .seconds(60))
        timetable.boardChanged(at: Self.start + .seconds(10))
        timetable.boardChanged(at: Self.start + .milliseconds(10_300))
        #expect(timetable.wakeAt == Self.start + .milliseconds(10_500), "the first edit starts the debounce")
        #expect(timetable.turn(at: Self.start + .milliseconds(10_499)) == nil)
        let turn = timetable.turn(at: Self.start + .milliseconds(10_500))
        #expect(turn == WorkerTimetable.Turn(mode: .incremental, trigger: .change))
        _ = timetable.begin(turn!)
        #expect(timetable.changeDue == nil)
        timetable.ran(turn!, at: Self.start + .seconds(11), interval: .seconds(60))
        #expect(timetable.wakeAt == Self.start + .seconds(71))
    }

    @Test func aTimerTurnCoversAnEditStillInItsDebounce() {
        var timetable = WorkerTimetable(schedule: Self.schedule, now: Self.start)
        timetable.boardChanged(at: Self.start)
        let turn = timetable.turn(at: Self.start)!
        #expect(turn.trigger == .timer)
        _ = timetable.begin(turn)
        #expect(timetable.changeDue == nil, "the run reads the board after the edit")
    }

    @Test func theFullResyncComesOnItsOwnTimeWhateverTheInterval() {
        let schedule = DaemonSchedule(interval: .seconds(50), fullEvery: .seconds(120), jitter: 0)
        var timetable = WorkerTimetable(schedule: schedule, now: .zero)
        var modes: [SyncEngine.Mode] = []
        var now = Duration.zero
        while modes.count < 6, let turn = timetable.turn(at: timetable.wakeAt) {
            now = timetable.wakeAt
            modes.append(turn.mode)
            _ = timetable.begin(turn)
            timetable.ran(turn, at: now, interval: .seconds(50))
        }
        // 0, 50, 100, 120 (full, not 150), 170, 220.
        #expect(modes == [.incremental, .incremental, .incremental, .full, .incremental, .incremental])
        #expect(now == .seconds(220))
    }

    @Test func aHeldLeaseIsAskedAboutSoonAndAHolderThatReleasedMadeTheTurn() {
        var timetable = WorkerTimetable(schedule: Self.schedule, now: Self.start)
        let timer = timetable.turn(at: Self.start)!
        _ = timetable.begin(timer)
        timetable.leaseHeld(timer, at: Self.start, pollEvery: .seconds(2), holder: "other")
        #expect(timetable.wakeAt == Self.start + .seconds(2) && timetable.skippedFor == "other")
        let next = timetable.turn(at: Self.start + .seconds(2))!
        #expect(timetable.begin(next) == "other", "ask whether that holder released the lease")
        #expect(timetable.skippedFor == nil)
        timetable.skipped(at: Self.start + .seconds(2), interval: .seconds(60))
        #expect(timetable.wakeAt == Self.start + .seconds(62))

        // A held lease at a change's turn keeps the change waiting.
        timetable.boardChanged(at: Self.start + .seconds(3))
        let change = timetable.turn(at: Self.start + .milliseconds(3500))!
        _ = timetable.begin(change)
        timetable.leaseHeld(change, at: Self.start + .milliseconds(3500), pollEvery: .seconds(2), holder: "other")
        #expect(timetable.changeDue == Self.start + .milliseconds(5500) && timetable.skippedFor == nil)
    }

    @Test func aFailedRunIsTriedAgainSoonerThanTheInterval() {
        let schedule = DaemonSchedule(interval: .seconds(300), jitter: 0, retryAfterFailure: .seconds(30))
        var timetable = WorkerTimetable(schedule: schedule, now: .zero)
        timetable.failed(at: .seconds(5), interval: .seconds(300))
        #expect(timetable.wakeAt == .seconds(35))
    }
}
