import Foundation
import SyncCore
import Testing

/// The configuration decisions that refuse what cannot work: project mappings (issue 12, case 1) and which
/// of several integrations sharing an `external_source` keeps it (case 4).
@Suite struct ConfigurationRulesTests {
    typealias Entry = ProjectMappingRules.Entry
    static let p1 = "5b1f0c3e-8a4d-4c6e-9f21-3d7a1e000001"
    static let p2 = "5b1f0c3e-8a4d-4c6e-9f21-3d7a1e000002"

    @Test func oneBoardProjectPerPlaneProjectAndBack() {
        #expect(ProjectMappingRules.problems([Entry(boardProjectId: "nexus", planeProjectId: Self.p1)]).isEmpty)
        #expect(
            ProjectMappingRules.problems([
                Entry(boardProjectId: "nexus", planeProjectId: Self.p1),
                Entry(boardProjectId: "ops", planeProjectId: Self.p2),
            ]).isEmpty)

        let shared = ProjectMappingRules.problems([
            Entry(boardProjectId: "nexus", planeProjectId: Self.p1),
            Entry(boardProjectId: "ops", planeProjectId: Self.p2),
            Entry(boardProjectId: "misc", planeProjectId: Self.p1.uppercased()),
        ])
        #expect(shared.map(\.entries) == [[0, 2]])
        #expect(shared.first?.reason.contains("projects[0] (nexus → \(Self.p1))") == true)
        #expect(shared.first?.reason.contains("projects[2] (misc → \(Self.p1.uppercased()))") == true)
        #expect(shared.first?.reason.contains("one Plane project") == true)

        let twice = ProjectMappingRules.problems([
            Entry(boardProjectId: "nexus", planeProjectId: Self.p1),
            Entry(boardProjectId: "nexus", planeProjectId: Self.p2),
        ])
        #expect(twice.map(\.entries) == [[0, 1]])
        #expect(twice.first?.reason.contains("board project nexus to 2 Plane projects") == true)

        let repeated = ProjectMappingRules.problems([
            Entry(boardProjectId: "nexus", planeProjectId: Self.p1),
            Entry(boardProjectId: "nexus", planeProjectId: Self.p1),
        ])
        #expect(repeated.map(\.entries) == [[0, 1]])
        #expect(repeated.first?.reason.contains("repeat one mapping") == true)
    }

    typealias Candidate = SourceOwnership.Candidate
    static let early = Date(timeIntervalSince1970: 1_000)
    static let late = Date(timeIntervalSince1970: 2_000)

    @Test func createdAtDecidesWhenEveryDocumentHasOne() {
        let decision = SourceOwnership.first(among: [
            Candidate(id: "a", createdAt: Self.late, firstLinkAt: Self.early, position: 0),
            Candidate(id: "b", createdAt: Self.early, position: 1),
        ])
        #expect(decision == SourceOwnership.Decision(first: "b", evidence: "created_at"))
    }

    @Test func thenTheFirstItemMirroredThenMongoDBsOrder() {
        // Only one has created_at: it does not decide; the one that mirrored items came first.
        let mirrored = SourceOwnership.first(among: [
            Candidate(id: "new", createdAt: Self.early, position: 0),
            Candidate(id: "old", firstLinkAt: Self.late, position: 1),
        ])
        #expect(mirrored?.first == "old" && mirrored?.evidence.contains("board_links") == true)
        let earlierLinks = SourceOwnership.first(among: [
            Candidate(id: "a", firstLinkAt: Self.late, position: 0),
            Candidate(id: "b", firstLinkAt: Self.early, position: 1),
        ])
        #expect(earlierLinks?.first == "b")
        let nothingElse = SourceOwnership.first(among: [
            Candidate(id: "z", position: 0), Candidate(id: "a", position: 1),
        ])
        #expect(nothingElse?.first == "z" && nothingElse?.evidence.contains("order") == true)
        let tie = SourceOwnership.first(among: [
            Candidate(id: "x", createdAt: Self.early, position: 1),
            Candidate(id: "y", createdAt: Self.early, position: 0),
        ])
        #expect(tie?.first == "y", "equal created_at: the next evidence decides")
        #expect(SourceOwnership.first(among: []) == nil)
    }
}
