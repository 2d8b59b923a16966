import Testing

@testable import PlaneAPI

/// When others' requests in the key's window are expected to leave, from the counts Plane reveals.
@Suite struct OthersEstimateTests {
    private let start = Duration.seconds(1000)

    @Test func othersFoundInTheWindowLeaveEvenlyOverAPeriod() {
        var others = PlaneOthersEstimate(period: .seconds(60))
        others.report(57, at: start)
        #expect(others.count(at: start) == 57)
        #expect(others.count(at: start + .seconds(30)) == 29)
        #expect(others.count(at: start + .seconds(60)) == 0)
    }

    @Test func othersThatAppearLaterStayAPeriodAfterTheyCameAndMoreAreExpected() throws {
        var others = PlaneOthersEstimate(period: .seconds(60))
        others.report(0, at: start)
        // Five came between the two reports: they leave between 60 s after the first and 60 s after the second.
        others.report(5, at: start + .seconds(10))
        #expect(others.count(at: start + .seconds(10)) == 5)
        let group = try #require(others.groups.first)
        #expect(group.left(at: start + .seconds(59)) == 5)
        #expect(group.left(at: start + .seconds(65)) == 2.5)
        #expect(group.left(at: start + .seconds(70)) == 0)
        // An active client: five in the ten seconds the reports cover, so one more every two seconds since.
        #expect(others.arrivalRate == 0.5)
        #expect(others.count(at: start + .seconds(14)) == 7)
    }

    @Test func countsDifferingByLessThanOneRequestAreNoise() {
        var others = PlaneOthersEstimate(period: .seconds(60))
        others.report(57, at: start)
        // 56.05 expected a second later: 56 or 57 are both what even leaving gives.
        others.report(57, at: start + .seconds(1))
        others.report(55, at: start + .seconds(2))
        #expect(others.arrivalRate == 0)
        #expect(others.count(at: start + .seconds(30)) == 29)
    }

    @Test func anActiveClientKeepsItsShare() {
        var others = PlaneOthersEstimate(period: .seconds(60))
        others.report(20, at: start)
        // A client at 20 a minute: each report finds 20 in the window, however many have left meanwhile.
        for second in stride(from: 3, through: 180, by: 3) {
            others.report(20, at: start + .seconds(second))
            #expect(others.count(at: start + .seconds(second)) == 20)
        }
    }

    @Test func fewerThanExpectedDropsTheEarliestExpectations() {
        var others = PlaneOthersEstimate(period: .seconds(60))
        others.report(10, at: start)
        others.report(15, at: start + .seconds(6))
        // 9 of the first ten and 5 new expected at 6 s; only 4 are there.
        others.report(4, at: start + .seconds(6) + .milliseconds(1))
        #expect(others.count(at: start + .seconds(6) + .milliseconds(1)) == 4)
        others.report(0, at: start + .seconds(7))
        #expect(others.count(at: start + .seconds(7)) == 0)
    }

    @Test func aReportAPeriodAfterThePreviousStartsAfresh() {
        var others = PlaneOthersEstimate(period: .seconds(60))
        others.report(30, at: start)
        others.report(30, at: start + .seconds(61))
        #expect(others.count(at: start + .seconds(91)) == 15)
        others.forget()
        #expect(others.count(at: start + .seconds(91)) == 0)
    }
}
