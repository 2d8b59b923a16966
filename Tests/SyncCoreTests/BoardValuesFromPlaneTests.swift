import Foundation
import Testing

@testable import SyncCore

/// `--take-plane`: Plane's values mapped back into board fields.
@Suite struct BoardValuesFromPlaneTests {
    let item = Fixtures.item()

    func updates(
        _ fields: [PlaneField], _ change: (inout PlaneValues) -> Void, timezone: String = "UTC",
        parent: BoardItemID? = nil
    ) -> Result<[BoardValuesFromPlane.Update], BoardValuesFromPlane.Problem> {
        let configuration = Fixtures.configuration(timezone: timezone)
        var values = Fixtures.synced(item).1.values
        change(&values)
        return BoardValuesFromPlane(configuration: configuration, metadata: Fixtures.metadata())
            .updates(fields, from: values, board: item, parentBoardId: parent)
    }

    func values(_ result: Result<[BoardValuesFromPlane.Update], BoardValuesFromPlane.Problem>) -> [String:
        BoardValuesFromPlane.Value]
    {
        guard case .success(let updates) = result else { return [:] }
        return Dictionary(updates.map { ($0.boardField, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func eachFieldGoesToItsBoardFieldWithBoardValues() throws {
        let mapped = values(
            updates([.name, .state, .labels, .assignees, .priority]) {
                $0.name = "From Plane"
                $0.stateId = Fixtures.done
                $0.labelIds = [Fixtures.feature, Fixtures.bug]
                $0.assigneeIds = [Fixtures.bob, Fixtures.alice]
                $0.priority = "low"
            })
        #expect(mapped["title"] == .string("From Plane"))
        #expect(mapped["status"] == .string("done"))
        #expect(mapped["labels"] == .strings(["bug", "feature"]))
        #expect(mapped["assignees"] == .strings(["Bob@Example.com", "alice@example.com"]))
        #expect(mapped["priority"] == .string("low"))
    }

    @Test func aDayBecomesMidnightInTheMappingsZoneAndComesBackTheSameDay() throws {
        let mapped = values(
            updates([.targetDate, .startDate], { $0.targetDate = "2026-03-29" }, timezone: "Europe/Berlin"))
        guard case .date(let date)? = mapped["due_date"] else {
            Issue.record("no due_date in \(mapped)")
            return
        }
        #expect(CalendarDay.string(for: date, timeZoneId: "Europe/Berlin") == "2026-03-29")
        #expect(mapped["start_date"] == .null)
    }

    @Test func aStateOrAssigneeOrParentWithNoBoardCounterpartIsAProblem() {
        guard case .failure(let state) = updates([.state], { $0.stateId = "unknown-state" }) else {
            Issue.record("an unknown state was mapped")
            return
        }
        #expect(state.field == .state)
        guard case .failure(let assignee) = updates([.assignees], { $0.assigneeIds = ["nobody"] }) else {
            Issue.record("an unknown assignee was mapped")
            return
        }
        #expect(assignee.description.contains("nobody"))
        guard case .failure = updates([.parent], { $0.parentId = "plane-parent" }) else {
            Issue.record("a parent not mirrored from the board was mapped")
            return
        }
        let parent = values(updates([.parent], { $0.parentId = "plane-parent" }, parent: .string("task_0")))
        #expect(parent["parent_id"] == .id(.string("task_0")))
    }

    @Test func theHTMLComesBackAsMarkdownWithoutTheBacklinkFooter() {
        let mapped = values(
            updates([.descriptionHTML]) {
                $0.descriptionHTML = "<p>Hello <strong>world</strong></p><ul><li><p>one</p></li></ul>"
            })
        #expect(mapped["description"] == .string("Hello **world**\n\n- one"))
        #expect(BoardValuesFromPlane.field(named: "title") == .name)
        #expect(BoardValuesFromPlane.field(named: "due_date") == .targetDate)
        #expect(BoardValuesFromPlane.field(named: "description") == .descriptionHTML)
        #expect(BoardValuesFromPlane.field(named: "colour") == nil)
    }
}
