import Testing

@testable import BoardSync

/// The progress bar, the log line and the ETA: pure formatting.
@Suite struct ProgressTextTests {
    static func progress(applied: Int, total: Int, remaining: Int, perRequest: Double = 1) -> SyncProgress {
        SyncProgress(
            integration: "plane-acme", applied: applied, total: total, remainingRequests: remaining,
            secondsPerRequest: perRequest)
    }

    @Test func theETAIsTheRateBudgetWhenThatIsSlowerThanThePace() {
        // 9,000 requests left at 60/minute: 9,000 s, though the first 812 actions took only 100 s.
        let progress = Self.progress(applied: 812, total: 9_812, remaining: 9_000)
        #expect(ProgressText.etaSeconds(progress, elapsed: 100) == 9_000)
        #expect(ProgressText.duration(9_000) == "2 h 30 min")
    }

    @Test func theETAFollowsThePaceWhenTheBudgetIsGenerous() {
        // 20 requests a second allows 45 s for 900 requests, but each action has taken 0.5 s.
        let progress = Self.progress(applied: 100, total: 1_000, remaining: 900, perRequest: 0.05)
        #expect(ProgressText.etaSeconds(progress, elapsed: 50) == 450)
        // Before any action, only the budget is known.
        #expect(ProgressText.etaSeconds(Self.progress(applied: 0, total: 1_000, remaining: 1_000), elapsed: 0) == 1_000)
    }

    @Test func theBarShowsCountsPercentAndETA() {
        let bar = ProgressText.bar(Self.progress(applied: 250, total: 1_000, remaining: 750), elapsed: 10, width: 20)
        #expect(bar == "plane-acme [█████░░░░░░░░░░░░░░░]  250/1000 25%  ETA 12 min 30 s")
        let done = ProgressText.bar(Self.progress(applied: 1_000, total: 1_000, remaining: 0), elapsed: 75, width: 4)
        #expect(done == "plane-acme [████] 1000/1000 100%  done in 1 min 15 s")
    }

    @Test func theLogLineSaysHowFarAndHowLong() {
        let line = ProgressText.logLine(Self.progress(applied: 62, total: 124, remaining: 62), elapsed: 31)
        #expect(line == "plane-acme: 62 of 124 actions applied (50%), about 1 min 02 s left")
    }

    @Test func onlyRunsWithManyRequestsOrMuchTimeAheadShowProgress() {
        // A no-op sync of 10,000 items: every action a skip, no request ahead.
        #expect(!ProgressText.worthShowing(Self.progress(applied: 1, total: 10_000, remaining: 0)))
        #expect(ProgressText.worthShowing(Self.progress(applied: 1, total: 60, remaining: 50, perRequest: 0.005)))
        #expect(!ProgressText.worthShowing(Self.progress(applied: 1, total: 60, remaining: 49, perRequest: 0.005)))
        // 12 requests at 60/minute: 12 s.
        #expect(ProgressText.worthShowing(Self.progress(applied: 1, total: 12, remaining: 12, perRequest: 1)))
    }

    @Test func durationsRoundUpAndPad() {
        #expect(ProgressText.duration(0) == "0 s")
        #expect(ProgressText.duration(0.2) == "1 s")
        #expect(ProgressText.duration(59) == "59 s")
        #expect(ProgressText.duration(65) == "1 min 05 s")
        #expect(ProgressText.duration(3_600) == "1 h 00 min")
        #expect(ProgressText.duration(3_601) == "1 h 01 min")
    }
}
