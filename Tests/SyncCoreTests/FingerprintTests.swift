import Foundation
import SyncCore
import Testing

@Suite struct FingerprintTests {
    @Test func inputFingerprintIgnoresLabelAndAssigneeOrder() {
        var one = Fixtures.item(labels: ["bug", "feature"], assignees: ["alice@example.com", "bob@example.com"])
        var two = one
        two.labels = ["feature", "bug"]
        two.assignees = ["BOB@example.com", "alice@example.com"]
        #expect(Fingerprint.input(one, mappingVersion: 1) == Fingerprint.input(two, mappingVersion: 1))
        one.updatedAt = Date(timeIntervalSince1970: 5)  // not an owned field
        #expect(Fingerprint.input(one, mappingVersion: 1) == Fingerprint.input(two, mappingVersion: 1))
        #expect(Fingerprint.input(one, mappingVersion: 1).count == 64)
    }

    @Test func inputFingerprintChangesWithEveryOwnedFieldAndTheMappingVersion() {
        let base = Fixtures.item(parent: .string("p"))
        var variants: [BoardItem] = []
        func vary(_ change: (inout BoardItem) -> Void) {
            var copy = base
            change(&copy)
            variants.append(copy)
        }
        vary { $0.title = "Other" }
        vary { $0.description = nil }
        vary { $0.description = "" }
        vary { $0.status = "done" }
        vary { $0.priority = "low" }
        vary { $0.labels = ["bug", "x"] }
        vary { $0.labels = nil }
        vary { $0.assignees = [] }
        vary { $0.startDate = Fixtures.now }
        vary { $0.dueDate = Fixtures.now }
        vary { $0.parentId = .string("q") }
        vary { $0.parentId = .objectId("65a1b2c3d4e5f60718293a4b") }
        vary { $0.projectId = "other" }
        let prints = variants.map { Fingerprint.input($0, mappingVersion: 1) }
        let original = Fingerprint.input(base, mappingVersion: 1)
        #expect(Set(prints + [original]).count == variants.count + 1)
        #expect(Fingerprint.input(base, mappingVersion: 2) != original)
    }

    @Test func valuesThatLookAlikeWhenJoinedStayDistinct() {
        let one = Fixtures.item(labels: ["a,b"])
        let two = Fixtures.item(labels: ["a", "b"])
        #expect(Fingerprint.input(one, mappingVersion: 1) != Fingerprint.input(two, mappingVersion: 1))
    }

    @Test func remoteFingerprintIgnoresIdOrderAndSeesEveryField() {
        let values = PlaneValues(
            name: "N", descriptionHTML: "<p>x</p>", stateId: "s", priority: "high", labelIds: ["b", "a"],
            assigneeIds: ["y", "x"], startDate: "2026-01-01", targetDate: "2026-01-02", parentId: "p")
        var reordered = values
        reordered.labelIds = ["a", "b"]
        reordered.assigneeIds = ["x", "y", "x"]
        #expect(Fingerprint.remote(values) == Fingerprint.remote(reordered))
        let changes: [(inout PlaneValues) -> Void] = [
            { $0.name = "M" }, { $0.descriptionHTML = "<p>y</p>" }, { $0.stateId = nil }, { $0.priority = "low" },
            { $0.labelIds = ["a"] }, { $0.assigneeIds = [] }, { $0.startDate = nil }, { $0.targetDate = "2026-02-02" },
            { $0.parentId = nil },
        ]
        var prints: Set<String> = [Fingerprint.remote(values)]
        for change in changes {
            var copy = values
            change(&copy)
            prints.insert(Fingerprint.remote(copy))
        }
        #expect(prints.count == changes.count + 1)
    }
}
