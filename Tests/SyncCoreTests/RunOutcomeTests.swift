import SyncCore
import Testing

/// The one exit-code decision (issue 16, item 3): the command line and the run history use it both.
@Suite struct RunOutcomeTests {
    @Test func eachOutcomeHasTheCodeOfTheREADMEsTable() {
        #expect(RunOutcome.completed(failedItems: 0, heldBack: false).exitCode == 0)
        #expect(RunOutcome.completed(failedItems: 2, heldBack: false).exitCode == 3)
        // A plan a breaker blocked is done but not whole: 3, on the command line and in the record alike.
        #expect(RunOutcome.completed(failedItems: 0, heldBack: true).exitCode == 3)
        #expect(RunOutcome.unavailable.exitCode == 1)
        #expect(RunOutcome.configuration.exitCode == 2)
        #expect(RunOutcome.leaseUnavailable.exitCode == 75)
        #expect(RunOutcome.stoppedBySignal.exitCode == 143)
    }

    @Test func severalIntegrationsExitWithTheMostSeriousOutcome() {
        let ok = RunOutcome.completed(failedItems: 0, heldBack: false)
        let failedItems = RunOutcome.completed(failedItems: 1, heldBack: false)
        #expect(RunOutcome.exitCode(of: []) == 0)
        #expect(RunOutcome.exitCode(of: [ok, ok]) == 0)
        #expect(RunOutcome.exitCode(of: [ok, .leaseUnavailable]) == 75)
        #expect(RunOutcome.exitCode(of: [.leaseUnavailable, failedItems]) == 3)
        #expect(RunOutcome.exitCode(of: [failedItems, .unavailable]) == 1)
        #expect(RunOutcome.exitCode(of: [.unavailable, .configuration, .leaseUnavailable]) == 2)
        #expect(RunOutcome.exitCode(of: [.configuration, .stoppedBySignal, ok]) == 143)
        #expect(RunOutcome.mostSerious([3, 75, 0]) == 3)
        #expect(RunOutcome.mostSerious([2, 143]) == 143)
        #expect(RunOutcome.mostSerious([75, 64]) == 64, "an unknown code counts as a failure")
    }
}
