import Foundation

/// Which of several integrations that share an `external_source` may run: the one that came first. The
/// others would take its Plane items for their own (every item carries the source), so they are refused.
///
/// "First" is read from what the documents and the database tell, in this order, each used only when it
/// settles the question: the documents' own `created_at`; the first link each integration wrote in
/// `board_links` (an integration that has mirrored items came before one that has not); the order in
/// which MongoDB returns the documents (insertion order on a collection that was never compacted).
/// `_id`s are the integrations' names, not ObjectIds, so they carry no time.
public enum SourceOwnership {
    public struct Candidate: Sendable, Equatable {
        public var id: String
        public var createdAt: Date?
        public var firstLinkAt: Date?
        /// Position in MongoDB's natural order.
        public var position: Int

        public init(id: String, createdAt: Date? = nil, firstLinkAt: Date? = nil, position: Int) {
            self.id = id
            self.createdAt = createdAt
            self.firstLinkAt = firstLinkAt
            self.position = position
        }
    }

    public struct Decision: Sendable, Equatable {
        /// The integration that keeps the source.
        public var first: String
        /// What told it apart, for the message (e.g. `created_at`).
        public var evidence: String

        public init(first: String, evidence: String) {
            self.first = first
            self.evidence = evidence
        }
    }

    public static func first(among candidates: [Candidate]) -> Decision? {
        guard let fallback = candidates.min(by: { $0.position < $1.position }) else { return nil }
        // Each rule settles it only when every candidate has the value and one is strictly the earliest.
        if let decided = earliest(candidates, \.createdAt, requireAll: true) {
            return Decision(first: decided, evidence: "created_at")
        }
        // Having mirrored items at all counts: one with links came before one without.
        if let decided = earliest(candidates, \.firstLinkAt, requireAll: false) {
            return Decision(first: decided, evidence: "the first item each one mirrored (board_links)")
        }
        return Decision(first: fallback.id, evidence: "the order MongoDB returns the documents in")
    }

    private static func earliest(_ candidates: [Candidate], _ value: KeyPath<Candidate, Date?>, requireAll: Bool)
        -> String?
    {
        let dated = candidates.compactMap { candidate in candidate[keyPath: value].map { (candidate.id, $0) } }
        guard !dated.isEmpty, !requireAll || dated.count == candidates.count else { return nil }
        let sorted = dated.sorted { $0.1 < $1.1 }
        guard sorted.count == 1 || sorted[0].1 < sorted[1].1 else { return nil }
        return sorted[0].0
    }
}
