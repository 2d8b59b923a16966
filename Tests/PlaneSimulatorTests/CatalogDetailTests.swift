import Foundation
import PlaneSimulator
import TestClocks
import Testing

/// One state, label or membership: `GET|PATCH|DELETE .../{kind}/{id}/`, and what the changes do to work items.
@Suite struct CatalogDetailTests {
    static let todo = PlaneFixtures.stateID(project: 1, index: 2)
    static let bug = PlaneFixtures.labelID(project: 1, index: 1)
    static let feature = PlaneFixtures.labelID(project: 1, index: 2)

    @Test func aStateIsReadRenamedAndItsErrorsAreThoseOfPlane() async throws {
        try await SimulatorHarness.with { _, client in
            let todo = try await client.get(Paths.nex + "states/\(Self.todo)/")
            #expect(todo.status == 200)
            #expect(todo.json?["name"] == "Todo")
            #expect(todo.headers["allow"] == "GET, PATCH, DELETE")
            let triage = try await client.get(Paths.nex + "states/\(PlaneFixtures.stateID(project: 1, index: 6))/")
            #expect(triage.status == 404)
            let otherProject = try await client.get(Paths.ops + "states/\(Self.todo)/")
            #expect(otherProject.json == ["error": "The requested resource does not exist."])

            let renamed = try await client.patch(Paths.nex + "states/\(Self.todo)/", ["name": "Ready"])
            #expect(renamed.status == 200)
            #expect(renamed.json?["name"] == "Ready")
            #expect(renamed.json?["id"] == .string(Self.todo))
            let list = try await client.get(Paths.nex + "states/")
            let names = list.json?["results"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(names == ["Backlog", "Ready", "In Progress", "Done", "Cancelled"])
            let taken = try await client.patch(Paths.nex + "states/\(Self.todo)/", ["name": "Done"])
            #expect(taken.status == 400)
            #expect(taken.json == ["error": "The payload is not valid"])
            let badGroup = try await client.patch(Paths.nex + "states/\(Self.todo)/", ["group": "waiting"])
            #expect(badGroup.json == ["group": ["\"waiting\" is not a valid choice."]])
            let triageGroup = try await client.patch(Paths.nex + "states/\(Self.todo)/", ["group": "triage"])
            #expect(triageGroup.json == ["non_field_errors": ["Cannot create triage state"]])
            let madeDefault = try await client.patch(Paths.nex + "states/\(Self.todo)/", ["default": true])
            #expect(madeDefault.json?["default"] == true)
            let backlog = try await client.get(Paths.nex + "states/\(PlaneFixtures.stateID(project: 1, index: 1))/")
            #expect(backlog.json?["default"] == false)
            let put = try await client.send("PUT", Paths.nex + "states/\(Self.todo)/", json: ["name": "x"])
            #expect(put.status == 405)
        }
    }

    @Test func aStateIsDeletedOnlyWhenNotDefaultAndEmpty() async throws {
        try await SimulatorHarness.with { _, client in
            let backlog = PlaneFixtures.stateID(project: 1, index: 1)
            let refused = try await client.delete(Paths.nex + "states/\(backlog)/")
            #expect(refused.status == 400)
            #expect(refused.json == ["error": "Default state cannot be deleted"])

            let item = try await client.post(Paths.nexItems, ["name": "in todo", "state": .string(Self.todo)])
            let itemID = try #require(item.json?["id"]?.stringValue)
            let notEmpty = try await client.delete(Paths.nex + "states/\(Self.todo)/")
            #expect(notEmpty.status == 400)
            #expect(notEmpty.json == ["error": "The state is not empty, only empty states can be deleted"])
            // A soft-deleted item no longer holds the state.
            #expect(try await client.delete(Paths.nexItem(itemID)).status == 204)
            let deleted = try await client.delete(Paths.nex + "states/\(Self.todo)/")
            #expect(deleted.status == 204)
            #expect(try await client.get(Paths.nex + "states/\(Self.todo)/").status == 404)
            #expect(try await client.delete(Paths.nex + "states/\(Self.todo)/").status == 404)
            let list = try await client.get(Paths.nex + "states/")
            #expect(list.json?["results"]?.arrayValue?.count == 4)
            let write = try await client.post(Paths.nexItems, ["name": "late", "state": .string(Self.todo)])
            #expect(write.json == ["state": [.string("Invalid pk \"\(Self.todo)\" - object does not exist.")]])
        }
    }

    @Test func aLabelIsRenamedAndItsNameStaysUnique() async throws {
        try await SimulatorHarness.with { _, client in
            let bug = try await client.get(Paths.nex + "labels/\(Self.bug)/")
            #expect(bug.json?["name"] == "bug")
            #expect(bug.headers["allow"] == "GET, PATCH, DELETE")
            let renamed = try await client.patch(
                Paths.nex + "labels/\(Self.bug)/", ["name": "defect", "color": "#f00"])
            #expect(renamed.status == 200)
            #expect(renamed.json?["name"] == "defect")
            #expect(renamed.json?["color"] == "#f00")
            let taken = try await client.patch(Paths.nex + "labels/\(Self.bug)/", ["name": "feature"])
            #expect(taken.status == 400)
            #expect(taken.json == ["error": "The payload is not valid"])
            let blank = try await client.patch(Paths.nex + "labels/\(Self.bug)/", ["name": " "])
            #expect(blank.json == ["name": ["This field may not be blank."]])
            _ = try await client.patch(
                Paths.nex + "labels/\(Self.feature)/", ["external_id": "f", "external_source": "nexus"])
            let pair = try await client.patch(
                Paths.nex + "labels/\(Self.bug)/", ["external_id": "f", "external_source": "nexus"])
            #expect(pair.status == 409)
            #expect(
                pair.json == [
                    "error": "Label with the same external id and external source already exists",
                    "id": .string(Self.bug),
                ])
            #expect(try await client.get(Paths.ops + "labels/\(Self.bug)/").status == 404)
        }
    }

    /// Plane soft-deletes the label and its item associations: items stop carrying it without an `updated_at`
    /// change, a write naming it is refused, and its name is free again.
    @Test func aDeletedLabelLeavesItsItemsAndIsRefusedInWrites() async throws {
        try await SimulatorHarness.with { simulator, client in
            let item = try await client.post(
                Paths.nexItems, ["name": "labelled", "labels": [.string(Self.bug), .string(Self.feature)]])
            let itemID = try #require(item.json?["id"]?.stringValue)
            #expect(await eventually { await simulator.pendingBumps() == 0 })
            let before = await simulator.storedItem(itemID)?["updated_at"]

            let deleted = try await client.delete(Paths.nex + "labels/\(Self.bug)/")
            #expect(deleted.status == 204)
            #expect(try await client.get(Paths.nex + "labels/\(Self.bug)/").status == 404)
            let list = try await client.get(Paths.nex + "labels/")
            #expect(list.json?["total_count"] == 4)
            let read = try await client.get(Paths.nexItem(itemID))
            #expect(read.json?["labels"] == [.string(Self.feature)])
            #expect(read.json?["updated_at"] == before)

            let write = try await client.patch(Paths.nexItem(itemID), ["labels": [.string(Self.bug)]])
            #expect(write.status == 400)
            #expect(write.json == ["labels": [.string("Invalid pk \"\(Self.bug)\" - object does not exist.")]])
            let again = try await client.post(Paths.nex + "labels/", ["name": "bug"])
            #expect(again.status == 201)
            #expect(again.json?["id"] != .string(Self.bug))
        }
    }

    /// DELETE deactivates: the list still shows the user, writes drop them as assignees with a 200, and items
    /// assigned before keep them.
    @Test func aRemovedMemberStillListsButCanNoLongerBeAssigned() async throws {
        try await SimulatorHarness.with { simulator, client in
            let project = PlaneFixtures.nexusProjectID
            let alice = try #require(await simulator.membershipID(projectID: project, email: "alice@acme.example"))
            let path = Paths.nex + "members/\(alice)/"
            let read = try await client.get(path)
            #expect(read.status == 200)
            #expect(read.json?["email"] == "alice@acme.example")
            #expect(read.headers["allow"] == "PATCH, DELETE, GET")
            #expect(try await client.get(Paths.nex + "members/\(PlaneFixtures.aliceUserID)/").status == 404)
            let before = try await client.post(
                Paths.nexItems, ["name": "assigned before", "assignees": [.string(PlaneFixtures.aliceUserID)]])
            #expect(before.json?["assignees"] == [.string(PlaneFixtures.aliceUserID)])

            let removed = try await client.delete(path)
            #expect(removed.status == 204)
            let members = try await client.get(Paths.nex + "members/")
            #expect(members.json?.arrayValue?.contains { $0["email"] == "alice@acme.example" } == true)
            #expect(try await client.get(path).json?["email"] == "alice@acme.example")
            let write = try await client.post(
                Paths.nexItems,
                ["name": "after", "assignees": [.string(PlaneFixtures.aliceUserID), .string(PlaneFixtures.bobUserID)]])
            #expect(write.status == 201)
            #expect(write.json?["assignees"] == [.string(PlaneFixtures.bobUserID)])
            let kept = try #require(before.json?["id"]?.stringValue)
            #expect(
                try await client.get(Paths.nexItem(kept)).json?["assignees"] == [.string(PlaneFixtures.aliceUserID)])
            let patch = try await client.patch(
                Paths.nexItem(kept), ["assignees": [.string(PlaneFixtures.aliceUserID)]])
            #expect(patch.status == 200)
            #expect(patch.json?["assignees"] == [])
        }
    }

    @Test func aMembershipsRoleIsChangedByAProjectAdminOnly() async throws {
        try await SimulatorHarness.with { simulator, client in
            let bob = try #require(
                await simulator.membershipID(projectID: PlaneFixtures.nexusProjectID, email: "bob@acme.example"))
            let path = Paths.nex + "members/\(bob)/"
            let guest = try await client.patch(path, ["role": 5])
            #expect(guest.json == ["id": .string(bob), "member": .string(PlaneFixtures.bobUserID), "role": 5])
            let invalid = try await client.patch(path, ["role": 7])
            #expect(invalid.json == ["role": ["Invalid role"]])
            let text = try await client.patch(path, ["role": "admin"])
            #expect(text.json == ["role": ["A valid integer is required."]])
            var nora = client
            nora.apiKey = PlaneFixtures.noraAPIKey
            #expect(try await nora.patch(path, ["role": 15]).status == 403)
            #expect(try await nora.delete(path).status == 403)
            #expect(try await nora.get(path).status == 200)
            let item = try await client.post(
                Paths.nexItems, ["name": "guest", "assignees": [.string(PlaneFixtures.bobUserID)]])
            #expect(item.json?["assignees"] == [])
        }
    }
}
