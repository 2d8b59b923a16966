import Foundation
import PlaneAPI
import Testing

/// Every body in `fixtures/plane-samples/` decodes with the model for its endpoint.
@Suite struct SampleDecodingTests {
    private enum Model {
        case workItem, workItemPage, label, labelPage, statePage, users, workspaceMembers, project, user, link
        case errorBody, empty
    }

    private func model(for sample: PlaneSample) -> Model? {
        if !(200...299).contains(sample.status) { return .errorBody }
        switch sample.name {
        case "work-item-create", "work-item-get", "work-item-get-after-bump", "work-item-lookup-external",
            "work-item-patch", "work-item-recreate-after-delete":
            return .workItem
        case "work-items-list-page1", "work-items-list-page2", "work-items-list-last", "work-items-list-expand",
            "work-items-list-fields":
            return .workItemPage
        case "labels-create": return .label
        case "labels-list": return .labelPage
        case "states-list": return .statePage
        case "members-project": return .users
        case "members-workspace": return .workspaceMembers
        case "project-create": return .project
        case "users-me": return .user
        case "work-item-link-create": return .link
        case "work-item-delete": return .empty
        default: return nil
        }
    }

    @Test func samplesDirectoryExists() throws {
        let samples = try PlaneSample.all()
        #expect(samples.count >= 30, "expected the recorded samples at \(PlaneSample.directory.path)")
    }

    @Test func decodesEverySampleBody() throws {
        let decoder = JSONDecoder()
        for sample in try PlaneSample.all() {
            let body = sample.body
            switch model(for: sample) {
            case .workItem: _ = try decoder.decode(PlaneWorkItem.self, from: body)
            case .workItemPage: _ = try decoder.decode(PlanePage<PlaneWorkItem>.self, from: body)
            case .label: _ = try decoder.decode(PlaneLabel.self, from: body)
            case .labelPage: _ = try decoder.decode(PlanePage<PlaneLabel>.self, from: body)
            case .statePage: _ = try decoder.decode(PlanePage<PlaneState>.self, from: body)
            case .users: _ = try decoder.decode([PlaneUser].self, from: body)
            case .workspaceMembers: _ = try decoder.decode([PlaneWorkspaceMember].self, from: body)
            case .project: _ = try decoder.decode(PlaneProject.self, from: body)
            case .user: _ = try decoder.decode(PlaneUser.self, from: body)
            case .link: _ = try decoder.decode(PlaneLink.self, from: body)
            case .errorBody:
                let error = try decoder.decode(PlaneErrorBody.self, from: body)
                #expect(error.message != nil || !error.fieldErrors.isEmpty, "\(sample.name) has no message")
            case .empty: #expect(String(decoding: body, as: UTF8.self) == "null")
            case nil: Issue.record("no model known for new sample \(sample.name)")
            }
        }
    }

    @Test func workItemFieldsAreParsed() throws {
        let item = try JSONDecoder().decode(PlaneWorkItem.self, from: PlaneSample.load("work-item-create").body)
        #expect(item.id == testItem)
        #expect(item.name == "Implement login endpoint")
        #expect(item.priority == .high)
        #expect(item.startDate == PlaneDate(year: 2026, month: 5, day: 30))
        #expect(item.targetDate?.description == "2026-06-15")
        #expect(item.createdAt?.description == "2026-11-25T19:37:16.078709Z")
        #expect(item.updatedAt?.microsecondsSinceEpoch == 1_795_635_436_078_728)
        #expect(item.state?.id == "9418cf52-7460-4482-8dc2-4c94d45db427")
        #expect(item.externalID == "task_456")
        #expect(item.externalSource == "nexus")
        #expect(item.parent == nil)
        #expect(item.archivedAt == nil)
        #expect(item.sequenceID == 1)
        #expect(item.assignees == [])
        #expect(item.descriptionHTML?.hasPrefix("<div><h1>") == true)
    }

    @Test func expandedAndTrimmedListsDecode() throws {
        let decoder = JSONDecoder()
        let expanded = try decoder.decode(
            PlanePage<PlaneWorkItem>.self, from: PlaneSample.load("work-items-list-expand").body)
        let state = try #require(expanded.results.first?.state?.object)
        #expect(state.name == "Backlog")
        #expect(state.group == .backlog)
        #expect(expanded.results.first?.state?.id == "9418cf52-7460-4482-8dc2-4c94d45db427")

        let trimmed = try decoder.decode(
            PlanePage<PlaneWorkItem>.self, from: PlaneSample.load("work-items-list-fields").body)
        let first = try #require(trimmed.results.first)
        #expect(first.name == "filler 2")
        #expect(first.priority == nil)
        #expect(first.createdAt == nil)
        #expect(first.updatedAt?.description == "2026-11-25T19:37:35.844928Z")
    }

    @Test func listEnvelopeAndOtherModels() throws {
        let decoder = JSONDecoder()
        let last = try decoder.decode(
            PlanePage<PlaneWorkItem>.self, from: PlaneSample.load("work-items-list-last").body)
        #expect(last.nextCursor == "2:3:0")
        #expect(last.nextPageResults == false)
        #expect(last.cursorForNextPage == nil)
        let states = try decoder.decode(PlanePage<PlaneState>.self, from: PlaneSample.load("states-list").body)
        #expect(states.results.map(\.name) == ["Backlog", "Todo", "In Progress", "Done", "Cancelled"])
        #expect(states.results.first?.isDefault == true)
        #expect(states.results.map(\.group) == [.backlog, .unstarted, .started, .completed, .cancelled])
        let members = try decoder.decode(
            [PlaneWorkspaceMember].self, from: PlaneSample.load("members-workspace").body)
        #expect(members.first?.email == "sync@example.test")
        #expect(members.first?.role == PlaneWorkspaceMember.Role.admin)
        let project = try decoder.decode(PlaneProject.self, from: PlaneSample.load("project-create").body)
        #expect(project.identifier == "S35427")
        #expect(project.memberRole == 20)
        let link = try decoder.decode(PlaneLink.self, from: PlaneSample.load("work-item-link-create").body)
        #expect(link.url == "https://nexus.example/board/task_456")
        #expect(link.issue == testItem)
        let throttled = try decoder.decode(PlaneErrorBody.self, from: PlaneSample.load("rate-limited-429").body)
        #expect(throttled.errorCode == 5900)
        #expect(throttled.message == "RATE_LIMIT_EXCEEDED")
    }

    @Test func everyExpandableReferenceDecodesBothWays() throws {
        let json = #"""
            {"id": "i", "state": null, "parent": {"id": "p", "sequence_id": 3, "project_id": "pr"},
             "assignees": [{"id": "u1", "email": "a@x.test", "display_name": "a"}, "u2"],
             "labels": [{"id": "l1", "name": "bug", "color": "#f00"}],
             "created_by": {"id": "u1", "first_name": "A"}, "updated_by": "u2",
             "project": {"id": "pr", "name": "Nexus", "identifier": "NEX"}, "workspace": "w",
             "estimate_point": {"id": "e", "value": "3"}}
            """#
        let item = try JSONDecoder().decode(PlaneWorkItem.self, from: Data(json.utf8))
        #expect(item.state == nil)
        #expect(item.parent?.object?.sequenceID == 3)
        #expect(item.assignees?.map(\.id) == ["u1", "u2"])
        #expect(item.assignees?.first?.object?.email == "a@x.test")
        #expect(item.labels?.first?.object?.name == "bug")
        #expect(item.createdBy?.object?.firstName == "A")
        #expect(item.updatedBy?.id == "u2")
        #expect(item.project?.id == "pr")
        #expect(item.workspace?.id == "w")
        #expect(item.estimatePoint?.id == "e")
    }

    @Test func unknownKeysAreIgnoredAndArchivedAtIsADate() throws {
        let json = #"{"id": "x", "archived_at": "2026-05-01", "brand_new_key": {"a": 1}, "sub_issues_count": 3}"#
        let item = try JSONDecoder().decode(PlaneWorkItem.self, from: Data(json.utf8))
        #expect(item.archivedAt == PlaneDate(year: 2026, month: 5, day: 1))
    }
}
