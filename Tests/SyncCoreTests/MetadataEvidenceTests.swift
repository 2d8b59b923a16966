import Testing

@testable import SyncCore

/// What counts as evidence that cached Plane metadata is stale (issue 13).
@Suite struct MetadataEvidenceTests {
    let project = "p1"

    func blocked(_ problem: ItemProblem, project: String? = "p1") -> PlannedAction {
        PlannedAction(
            boardItemId: .string("b"), planeProjectId: project, planeItemId: nil, action: .skip(.itemProblem(problem)))
    }

    @Test func statusesAndAssigneesThatMapToNothingAreEvidenceOnce() {
        let plan = SyncPlan(actions: [
            blocked(.unknownStatus("QA")),
            blocked(.unknownStatus("qa")),
            blocked(.mappedStateMissing(status: "review", stateName: "In Review")),
            blocked(.noDefaultState, project: "p2"),
            blocked(.titleMissing),
            PlannedAction(
                boardItemId: .string("c"), planeProjectId: "p2", planeItemId: "x", action: .skip(.unchanged),
                notes: [.unknownAssignee("New@acme.example"), .guestAssignee("g@acme.example")]),
            blocked(.unknownStatus("lost"), project: nil),
        ])
        #expect(
            MetadataEvidence.unmapped(in: plan) == [
                StaleMetadata(kind: .states, projectId: "p1", value: "qa"),
                StaleMetadata(kind: .states, projectId: "p1", value: "in review"),
                StaleMetadata(kind: .states, projectId: "p2", value: "(default)"),
                StaleMetadata(kind: .members, projectId: "p2", value: "new@acme.example"),
            ])
    }

    @Test func refusalsNameTheKindOfTheirField() {
        #expect(
            MetadataEvidence.refused(fieldErrors: ["state": ["Invalid pk \"x\" - object does not exist."]]) == [.states]
        )
        #expect(MetadataEvidence.refused(fieldErrors: ["labels.0": ["Invalid pk"]]) == [.labels])
        #expect(
            MetadataEvidence.refused(fieldErrors: ["assignees.1": ["Invalid pk"], "labels": ["x"]]) == [
                .members, .labels,
            ])
        #expect(
            MetadataEvidence.refused(fieldErrors: [
                "non_field_errors": ["State is not valid please pass a valid state_id"]
            ]) == [.states])
        #expect(
            MetadataEvidence.refused(fieldErrors: ["non_field_errors": ["Start date cannot exceed target date"]])
                .isEmpty)
        #expect(MetadataEvidence.refused(fieldErrors: ["name": ["This field is required."]]).isEmpty)
    }

    @Test func droppedAssigneesAreThoseSentAndNotKept() {
        #expect(MetadataEvidence.droppedAssignees(sent: ["a", "B", "c"], answered: ["b", "default"]) == ["a", "c"])
        #expect(MetadataEvidence.droppedAssignees(sent: [], answered: ["default"]).isEmpty)
        #expect(MetadataEvidence.droppedAssignees(sent: ["a", "a"], answered: []) == ["a"])
    }
}
