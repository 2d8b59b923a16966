import Foundation
import SyncCore
import Testing

@Suite struct FingerprintTests {
    @Test func inputFingerprintIgnoresLabelAndAssigneeOrder() {
        var one = Fixtures.item(labels: ["bug", "feature"], assignees: ["alice@example.com", "bob@example.com"])
        var two = one
        two.labels = ["feature", "bug"]
        two.assignees = ["BOB@example.com", "alice@example.com"]
        #expect(
            Fingerprint.input(one, mapping: Fixtures.mapping(version: 1))
                == Fingerprint.input(two, mapping: Fixtures.mapping(version: 1)))
        one.updatedAt = Date(timeIntervalSince1970: 5)  // not an owned field
        #expect(
            Fingerprint.input(one, mapping: Fixtures.mapping(version: 1))
                == Fingerprint.input(two, mapping: Fixtures.mapping(version: 1)))
        #expect(Fingerprint.input(one, mapping: Fixtures.mapping(version: 1)).count == 64)
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
        let prints = variants.map { Fingerprint.input($0, mapping: Fixtures.mapping(version: 1)) }
        let original = Fingerprint.input(base, mapping: Fixtures.mapping(version: 1))
        #expect(Set(prints + [original]).count == variants.count + 1)
        #expect(Fingerprint.input(base, mapping: Fixtures.mapping(version: 2)) != original)
    }

    /// A mapping changed without raising `mapping.version` changes the fingerprint of exactly the items
    /// whose payload it alters (issue 12, case 11).
    @Test func inputFingerprintCoversThePartOfTheMappingThatShapesTheItem() {
        let todo = Fixtures.item("a", status: "todo")
        var dated = Fixtures.item("b", status: "done")
        dated.dueDate = Fixtures.now
        var unmapped = Fixtures.item("c", status: "Backlog")
        unmapped.priority = "urgent"
        let items = [todo, dated, unmapped]
        let before = Fixtures.mapping()
        func changed(_ change: (inout SyncConfiguration.Mapping) -> Void) -> [Bool] {
            var after = before
            change(&after)
            return items.map { Fingerprint.input($0, mapping: before) != Fingerprint.input($0, mapping: after) }
        }
        #expect(changed { $0.status["todo"] = "In Progress" } == [true, false, false])
        #expect(changed { $0.status["Backlog"] = "Todo" } == [false, false, true], "a status newly mapped")
        #expect(changed { $0.status["ghost"] = "Done" } == [false, false, false], "a status no item has")
        #expect(changed { $0.priority["high"] = "medium" } == [true, true, false])
        #expect(changed { $0.priority["urgent"] = "high" } == [false, false, true])
        #expect(changed { $0.timezone = "Europe/Berlin" } == [false, true, false], "only dated items")
        #expect(changed { $0.backlinkTemplate = "https://elsewhere/{id}" } == [true, true, true])
        #expect(changed { $0.labels = .exact } == [true, true, true])
    }

    @Test func theConfigurationDigestSeesMappingScopeProjectsAndCapsButNotTheOrderOfEntries() {
        let base = Fixtures.configuration()
        let digest = Fingerprint.configuration(base)
        var same = base
        same.mapping.status = Dictionary(uniqueKeysWithValues: base.mapping.status.reversed())
        #expect(Fingerprint.configuration(same) == digest)
        let changes: [(inout SyncConfiguration) -> Void] = [
            { $0.mapping.status["todo"] = "Done" }, { $0.mapping.priority["p2"] = "low" },
            { $0.scope.excludeStatuses = ["done"] }, { $0.scope.excludeLabels = ["x"] },
            { $0.scope.excludeIfField = ["secret"] }, { $0.projects["more"] = "p" }, { $0.mapping.version = 2 },
            { $0.mapping.timezone = "Asia/Tokyo" }, { $0.policy.maxLabelsPerItem = 3 },
        ]
        for change in changes {
            var changed = base
            change(&changed)
            #expect(Fingerprint.configuration(changed) != digest)
        }
    }

    @Test func valuesThatLookAlikeWhenJoinedStayDistinct() {
        let one = Fixtures.item(labels: ["a,b"])
        let two = Fixtures.item(labels: ["a", "b"])
        #expect(
            Fingerprint.input(one, mapping: Fixtures.mapping(version: 1))
                != Fingerprint.input(two, mapping: Fixtures.mapping(version: 1)))
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
