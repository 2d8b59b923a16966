import Foundation
import SyncCore
import Testing

/// Failure classification, backoff, the report threshold and the outage breaker (issue 16, item 3).
@Suite struct FailureRuleTests {
    @Test func signalsAreClassed() {
        #expect(FailureClass(.unavailable) == .outage)
        #expect(FailureClass(.configuration) == .configuration)
        #expect(FailureClass(.item) == .item)
    }

    @Test func backoffDoublesFromAMinuteUpToSixHours() {
        let now = Fixtures.now
        let waits = (1...12).map { Backoff.nextAttempt(after: $0, now: now).timeIntervalSince(now) / 60 }
        #expect(Array(waits.prefix(5)) == [1, 2, 4, 8, 16])
        #expect(waits.last == 360)
        #expect(Backoff.nextAttempt(after: 0, now: now) == now.addingTimeInterval(60))
    }

    @Test func aFailingItemIsReportedFromItsThirdFailureInARow() {
        #expect(!Backoff.reportsFailing(attempts: 2))
        #expect(Backoff.reportsFailing(attempts: 3))
        #expect(ReportTransitions.afterFailure(attempts: 1).open.isEmpty)
        #expect(ReportTransitions.afterFailure(attempts: 4).open == [.failing])
        #expect(ReportTransitions.afterFailure(attempts: 4).supersede.isEmpty)
    }

    @Test func threeOutagesInARowStopTheRunAndAnAnswerResetsTheCount() {
        var breaker = OutageBreaker()
        var stops = [breaker.failed(), breaker.failed()]
        breaker.answered()
        stops += [breaker.failed(), breaker.failed(), breaker.failed()]
        #expect(stops == [false, false, false, false, true])
    }
}
