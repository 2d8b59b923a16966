import Foundation
import PlaneSimulator
import Testing

@Suite struct ValidationTests {
    static let rejections: [(SimJSON, SimJSON)] = {
        let missing: SimJSON = ["description_html": "<p>x</p>"]
        let missingError: SimJSON = ["name": ["This field is required."]]
        let blank: SimJSON = ["name": "   "]
        let blankError: SimJSON = ["name": ["This field may not be blank."]]
        let priority: SimJSON = ["name": "p", "priority": "critical"]
        let priorityError: SimJSON = ["priority": ["\"critical\" is not a valid choice."]]
        let dateFormat: SimJSON = ["name": "d", "start_date": "01/07/2026"]
        let dateFormatError: SimJSON = [
            "start_date": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]
        ]
        let dates: SimJSON = ["name": "d", "start_date": "2026-07-01", "target_date": "2026-06-01"]
        let datesError: SimJSON = ["non_field_errors": ["Start date cannot exceed target date"]]
        let html: SimJSON = ["name": "h", "description_html": ""]
        let htmlError: SimJSON = ["non_field_errors": ["Invalid HTML passed"]]
        let zero = "00000000-0000-0000-0000-000000000000"
        let state: SimJSON = ["name": "s", "state": .string(zero)]
        let stateError: SimJSON = ["state": [.string("Invalid pk \"\(zero)\" - object does not exist.")]]
        let foreign: SimJSON = ["name": "s", "state": .string(PlaneFixtures.stateID(project: 2, index: 2))]
        let foreignError: SimJSON = ["non_field_errors": ["State is not valid please pass a valid state_id"]]
        return [
            (missing, missingError), (blank, blankError), (priority, priorityError), (dateFormat, dateFormatError),
            (dates, datesError), (html, htmlError), (state, stateError), (foreign, foreignError),
        ]
    }()

    @Test(arguments: Self.rejections)
    func rejectsLikePlane(body: SimJSON, error: SimJSON) async throws {
        try await SimulatorHarness.with { _, client in
            let result = try await client.post(Paths.nexItems, body)
            #expect(result.status == 400)
            #expect(result.json == error)
        }
    }

    @Test func nameLengthCountsCodePoints() async throws {
        try await SimulatorHarness.with { _, client in
            let rockets = String(repeating: "🚀", count: 255)
            #expect(try await client.post(Paths.nexItems, ["name": .string(rockets)]).status == 201)
            let long = try await client.post(Paths.nexItems, ["name": .string(rockets + "x")])
            #expect(long.status == 400)
            #expect(long.json == ["name": ["Ensure this field has no more than 255 characters."]])
            // Trimmed before counting.
            let padded = try await client.post(Paths.nexItems, ["name": .string("  " + rockets + "  ")])
            #expect(padded.status == 201)
            #expect(padded.json?["name"] == .string(rockets))
        }
    }

    @Test func parentMustBeInTheSameProject() async throws {
        try await SimulatorHarness.with { _, client in
            let other = try await client.post(Paths.ops + "work-items/", ["name": "ops item"])
            let otherID = try #require(other.json?["id"]?.stringValue)
            let result = try await client.post(Paths.nexItems, ["name": "child", "parent": .string(otherID)])
            #expect(result.status == 400)
            #expect(result.json == ["non_field_errors": ["Parent is not valid issue_id please pass a valid issue_id"]])
            let parent = try await client.post(Paths.nexItems, ["name": "parent"])
            let parentID = try #require(parent.json?["id"]?.stringValue)
            let child = try await client.post(Paths.nexItems, ["name": "child", "parent": .string(parentID)])
            #expect(child.json?["parent"] == .string(parentID))
            let expanded = try await client.get(Paths.nexItem(child.json?["id"]?.stringValue ?? "") + "?expand=parent")
            #expect(expanded.json?["parent"]?["sequence_id"] == parent.json?["sequence_id"])
        }
    }

    @Test func assigneesAndLabelsAreFilteredSilently() async throws {
        try await SimulatorHarness.with { _, client in
            let body: SimJSON = [
                "name": "people",
                "assignees": [
                    .string(PlaneFixtures.aliceUserID), .string(PlaneFixtures.daveUserID),
                    .string(PlaneFixtures.erinUserID), .string(PlaneFixtures.carolUserID),
                ],
                "labels": [
                    .string(PlaneFixtures.labelID(project: 1, index: 1)),
                    .string(PlaneFixtures.labelID(project: 2, index: 2)),
                ],
            ]
            let created = try await client.post(Paths.nexItems, body)
            #expect(created.status == 201)
            #expect(
                created.json?["assignees"] == [.string(PlaneFixtures.aliceUserID), .string(PlaneFixtures.carolUserID)])
            #expect(created.json?["labels"] == [.string(PlaneFixtures.labelID(project: 1, index: 1))])
            // Former members are still listed as project members.
            let members = try await client.get(Paths.nex + "members/")
            let ids = members.json?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            #expect(ids.contains(PlaneFixtures.erinUserID))
            #expect(members.json?.arrayValue?.first?["role"] == nil)
        }
    }

    @Test func defaultsFillStateAndProjectDefaultAssignee() async throws {
        var seed = try PlaneSeed.load(path: SimulatorHarness.seedPath)
        seed.projects[0].defaultAssignee = "bob@acme.example"
        var configuration = SimulatorHarness.configuration()
        configuration.seed = seed
        try await SimulatorHarness.with(configuration) { _, client in
            let created = try await client.post(Paths.nexItems, ["name": "defaults"])
            #expect(created.json?["state"] == .string(PlaneFixtures.stateID(project: 1, index: 1)))
            #expect(created.json?["assignees"] == [.string(PlaneFixtures.bobUserID)])
            #expect(created.json?["description_html"] == "<p></p>")
            #expect(created.json?["priority"] == "none")
            let explicit = try await client.post(
                Paths.nexItems, ["name": "mine", "assignees": [.string(PlaneFixtures.aliceUserID)]])
            #expect(explicit.json?["assignees"] == [.string(PlaneFixtures.aliceUserID)])
        }
    }

    @Test func oversizedBodiesAre413BeforeAuthentication() async throws {
        var configuration = SimulatorHarness.configuration()
        configuration.maxBodyBytes = 1024
        try await SimulatorHarness.with(configuration) { _, client in
            let big = Data(("{\"name\": \"" + String(repeating: "x", count: 2000) + "\"}").utf8)
            let result = try await client.send("POST", Paths.nexItems, body: big)
            #expect(result.status == 413)
            #expect(result.json?["error"] == "REQUEST_BODY_TOO_LARGE")
            #expect(result.headers["x-ratelimit-remaining"] == nil)
        }
    }

    @Test func malformedJSONIsAParseError() async throws {
        try await SimulatorHarness.with { _, client in
            let result = try await client.send("POST", Paths.nexItems, body: Data("{\"name\": ".utf8))
            #expect(result.status == 400)
            #expect(result.json?["detail"]?.stringValue?.hasPrefix("JSON parse error - ") == true)
        }
    }
}
