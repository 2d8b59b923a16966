import Foundation
import SyncReports
import Testing

@Suite struct ConflictJSONTests {
    @Test func keysAreSnakeCaseSortedAndAlwaysPresent() throws {
        let json = try ConflictJSON.encode(SampleConflicts.records[4])
        let keys = json.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map {
            String($0.dropFirst(3).prefix(while: { $0 != "\"" }))
        }
        #expect(
            keys == [
                "board_item_id", "board_item_title", "created_at", "fields", "id", "integration_id", "kind",
                "message", "plane_edited_at", "plane_edited_by", "plane_item_id", "plane_url", "policy",
                "resolved_at", "status", "updated_at",
            ])
        #expect(json.contains("\"plane_url\" : null"))
        #expect(json.contains("\"created_at\" : \"2026-11-23T08:00:00Z\""))
        #expect(json.contains("\"kind\" : \"unmappable_value\""))
        #expect(json.contains("\"base\" : null"))
    }

    @Test func hostileValuesAreValidJSONAndComeBackUnchanged() throws {
        let json = try ConflictJSON.encode(SampleConflicts.records)
        #expect(json.contains("\\u001b[31m"))
        #expect(try ConflictJSON.decode(json) == SampleConflicts.records)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(object?.count == SampleConflicts.records.count)
    }

    @Test func kindsAndStatusesUseTheirWireNames() {
        #expect(
            ConflictRecord.Kind.allCases.map(\.rawValue) == [
                "both_changed", "hand_edit", "plane_deleted", "archived", "orphan", "duplicates", "failing",
                "unmappable_value", "cannot_mirror",
            ])
        #expect(ConflictRecord.Status.allCases.map(\.rawValue) == ["pending", "resolved", "superseded"])
    }
}
