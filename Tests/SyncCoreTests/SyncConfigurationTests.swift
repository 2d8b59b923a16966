import Foundation
import SyncCore
import Testing

@Suite struct SyncConfigurationTests {
    let metadata = [Fixtures.project: Fixtures.metadata(), Fixtures.otherProject: Fixtures.metadata()]

    @Test func reportsEveryConfigurationProblem() {
        var configuration = Fixtures.configuration(maxDeleteFraction: 2, timezone: "Nowhere/City")
        configuration.mapping.priority["p9"] = "critical"
        configuration.projects["ghost"] = "missing-project"
        let problems = configuration.validate(against: metadata)
        #expect(problems.contains { $0.contains("Nowhere/City") })
        #expect(problems.contains { $0.contains("max_delete_fraction") })
        #expect(problems.contains { $0.contains("\"critical\"") })
        #expect(problems.contains { $0.contains("missing-project") })
        #expect(problems.contains { $0.contains("\"Ghost\"") })  // the fixture maps "ghost" to a missing state
    }

    @Test func aSoundConfigurationHasNoProblems() {
        var configuration = Fixtures.configuration()
        configuration.mapping.status["ghost"] = nil
        #expect(configuration.validate(against: metadata).isEmpty)
    }

    @Test func scopeExclusionExplainsWhy() {
        let configuration = Fixtures.configuration(
            scope: SyncConfiguration.Scope(excludeStatuses: ["done"], excludeIfField: ["due_date", "secret"]))
        #expect(configuration.scopeExclusion(of: Fixtures.item()) == nil)
        #expect(configuration.scopeExclusion(of: Fixtures.item(status: "done"))?.contains("exclude_statuses") == true)
        var dated = Fixtures.item()
        dated.dueDate = Fixtures.now
        #expect(configuration.scopeExclusion(of: dated)?.contains("due_date") == true)
        var secret = Fixtures.item()
        secret.otherFields = ["secret"]
        #expect(configuration.scopeExclusion(of: secret)?.contains("secret") == true)
    }
}
