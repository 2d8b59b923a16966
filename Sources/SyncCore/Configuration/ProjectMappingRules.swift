/// Which `projects` entries of an integration cannot work together. BoardSync keeps one Plane project per
/// board project and one board project per Plane project: a Plane project listed for two board projects is
/// read once per entry, so each of its items would look like its own duplicate; a board project listed
/// twice sends its items to two places at once.
public enum ProjectMappingRules {
    public struct Entry: Sendable, Equatable {
        public var boardProjectId: String
        public var planeProjectId: String

        public init(boardProjectId: String, planeProjectId: String) {
            self.boardProjectId = boardProjectId
            self.planeProjectId = planeProjectId
        }
    }

    /// One problem: the entries involved (their indexes in `projects`) and what to do.
    public struct Problem: Sendable, Equatable {
        public var entries: [Int]
        public var reason: String
    }

    /// Every clash, each naming all the entries involved. Plane project ids compare case-insensitively (a
    /// UUID written twice in two cases is one project).
    public static func problems(_ entries: [Entry]) -> [Problem] {
        var problems: [Problem] = []
        func describe(_ index: Int) -> String {
            "projects[\(index)] (\(entries[index].boardProjectId) → \(entries[index].planeProjectId))"
        }
        func list(_ indexes: [Int]) -> String {
            let names = indexes.map(describe)
            return names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
        }
        for (plane, indexes) in grouped(entries, by: { $0.planeProjectId.lowercased() }) {
            let boards = Set(indexes.map { entries[$0].boardProjectId })
            if boards.count > 1 {
                problems.append(
                    Problem(
                        entries: indexes,
                        reason: "\(list(indexes)) map \(boards.count) board projects to one Plane project (\(plane)); "
                            + "BoardSync mirrors one board project into each Plane project: give each board project a "
                            + "Plane project of its own, or move the items to one board project and keep one entry"))
            } else {
                problems.append(
                    Problem(
                        entries: indexes,
                        reason: "\(list(indexes)) repeat one mapping; keep one of them"))
            }
        }
        for (board, indexes) in grouped(entries, by: \.boardProjectId) {
            let planes = Set(indexes.map { entries[$0].planeProjectId.lowercased() })
            guard planes.count > 1 else { continue }
            problems.append(
                Problem(
                    entries: indexes,
                    reason: "\(list(indexes)) map board project \(board) to \(planes.count) Plane projects; an item "
                        + "goes to one Plane project: keep one entry for \(board)"))
        }
        return problems.sorted { $0.entries.lexicographicallyPrecedes($1.entries) }
    }

    /// Groups of more than one entry with the same key, each group's indexes in order.
    private static func grouped(_ entries: [Entry], by key: (Entry) -> String) -> [(String, [Int])] {
        var groups: [String: [Int]] = [:]
        for (index, entry) in entries.enumerated() { groups[key(entry), default: []].append(index) }
        return groups.filter { $0.value.count > 1 }.map { ($0.key, $0.value) }
    }
}
