import BoardSyncTestSupport
import Foundation
import MongoDriver
import Testing

@testable import BoardSync

@Suite struct FixtureAndBoardItemTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures")

    @Test func fixturesLoadTheBoardAndTheIntegrationAndLoadAgainWithoutDuplicates() async throws {
        try await TestServer.withDatabase { _, database in
            let loader = FixtureLoader(directory: Self.fixtures, planeBaseURL: "http://127.0.0.1:9999")
            let summary = try await loader.load(into: database, drop: false)
            #expect(summary.boardItemsByProject.values.reduce(0, +) >= 60)
            #expect(Set(summary.boardItemsByProject.keys) == ["nexus", "ops"])
            #expect(summary.softDeleted == 2)
            #expect(summary.integrations == ["plane-acme"])
            let again = try await loader.load(into: database, drop: true)
            #expect(again == summary)

            let items = database.collection(CollectionNames.boardItems)
            #expect(try await items.countDocuments() == summary.boardItemsByProject.values.reduce(0, +))
            #expect(try await items.countDocuments(["_id": ["$type": "string"]]) == 2)
            let integration = try #require(try await database.collection(CollectionNames.integrations).findOne())
            #expect(integration["base_url"] == "http://127.0.0.1:9999")
            #expect(integration.value(at: "projects.1.plane_project_id") == "5b1f0c3e-8a4d-4c6e-9f21-3d7a1e000002")

            // Every fixture item decodes, dates as BSON dates, and the edge cases are what they say.
            var decoded: [BoardItemDocument] = []
            for try await document in items.find() {
                decoded.append(try BSONDecoder().decode(BoardItemDocument.self, from: document))
            }
            let titles = decoded.compactMap(\.title)
            #expect(titles.contains { $0.unicodeScalars.count == 255 && $0.contains("🚀") })
            #expect(titles.contains { $0.unicodeScalars.count == 300 })
            #expect(decoded.contains { $0.parentId != nil })
            #expect(decoded.contains { ($0.assignees ?? []).contains("mallory@elsewhere.example") })
            #expect(decoded.contains { ($0.description?.utf8.count ?? 0) > 100_000 })
        }
    }

    @Test func aWrongTypedFieldNamesTheFieldAndTheDocumentAndTheRestStillDecode() async throws {
        try await TestServer.withDatabase { _, database in
            let items = database.collection(CollectionNames.boardItems)
            let now = Date()
            let bad = BSONObjectId()
            try await items.insertMany([
                ["_id": "good-1", "project_id": "nexus", "title": "fine", "labels": ["a"], "updated_at": .date(now)],
                [
                    "_id": .objectId(bad), "project_id": "nexus", "title": "labels as text", "labels": "bug",
                    "updated_at": .date(now),
                ],
                ["_id": "bad-2", "project_id": "nexus", "title": "date as text", "updated_at": "2026-11-25"],
                [
                    "_id": "good-2", "project_id": "nexus", "title": "fine too", "updated_at": .date(now),
                    "new_field": 1,
                ],
            ])
            var decoded: [String] = []
            var errors: [BSONError] = []
            for try await document in items.find([:], options: MongoFindOptions(sort: ["title": 1], batchSize: 2)) {
                do {
                    decoded.append(try BSONDecoder().decode(BoardItemDocument.self, from: document).externalId)
                } catch let error as BSONError {
                    errors.append(error)
                }
            }
            #expect(Set(decoded) == ["good-1", "good-2"])
            #expect(errors.count == 2)
            let labels = try #require(errors.first { $0.path == "labels" })
            #expect(labels.documentId == bad.hex)
            #expect(labels.description == "field `labels` of document \(bad.hex): expected an array, found string")
            let date = try #require(errors.first { $0.path == "updated_at" })
            #expect(date.documentId == "bad-2" && date.code == .typeMismatch)
        }
    }

    @Test func aBrokenFixtureFileIsNamed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fixtures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("{\"board_items\": [ {\"title\": 1} ]}".utf8).write(
            to: directory.appendingPathComponent("board-items.json"))
        #expect {
            _ = try FixtureLoader(directory: directory).read("board-items.json", key: "board_items")
        } throws: { error in
            (error as? FixtureError)?.description.contains("`board_items[0]` is not a document with an `_id`") == true
        }
        #expect {
            _ = try FixtureLoader(directory: directory).read("integrations.json", key: "integrations")
        } throws: { error in
            (error as? FixtureError)?.description.contains("integrations.json cannot be read") == true
        }
    }
}
