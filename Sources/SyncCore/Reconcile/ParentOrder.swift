/// Orders items so that every parent comes before its children, and finds parent cycles.
///
/// Works on positions in `items`, not on copies of the items: a plan of 100,000 items copied each (then ~750
/// bytes inline) into a dictionary and an ordered array, which was most of a no-op plan's memory.
enum ParentOrder {
    /// Positions of `items` in plan order (the first occurrence of each id once), the cycles by member, and the
    /// first position of each id.
    static func order(_ items: [ReconcileItem]) -> (
        ordered: [Int], cycles: [BoardItemID: [BoardItemID]], firstAt: [BoardItemID: Int]
    ) {
        var first: [BoardItemID: Int] = [:]
        first.reserveCapacity(items.count)
        // Whether each position is its id's first: marked here, where the id is hashed anyway, not looked up again.
        var isFirst = [Bool](repeating: false, count: items.count)
        // By position through the buffer: `enumerated()` copied every item (a retain of each of its strings).
        items.withUnsafeBufferPointer { items in
            for index in items.indices {
                // One hash per id: the defaulted subscript inserts `index` only when the id is new.
                let before = first.count
                first[items[index].boardItemId, default: index] += 0
                isFirst[index] = first.count > before
            }
        }
        // Done: 0 not visited, 1 on the current path, 2 done; by position.
        var state = [UInt8](repeating: 0, count: items.count)
        var ordered: [Int] = []
        ordered.reserveCapacity(first.count)
        var cycles: [BoardItemID: [BoardItemID]] = [:]

        func parent(of index: Int) -> Int? {
            guard let parent = items[index].liveParent, !parent.isSelf else { return nil }
            return first[parent.id]
        }

        for start in startOrder(items, isFirst: isFirst, count: first.count) where state[start] == 0 {
            var path: [Int] = []
            var current: Int? = start
            while let index = current, state[index] == 0 {
                state[index] = 1
                path.append(index)
                current = parent(of: index)
            }
            if let index = current, state[index] == 1, let at = path.firstIndex(of: index) {
                let cycle = path[at...].map { items[$0].boardItemId }
                for member in cycle { cycles[member] = cycle + [items[index].boardItemId] }
            }
            for index in path.reversed() {
                state[index] = 2
                ordered.append(index)
            }
        }
        return (ordered, cycles, first)
    }

    /// The first position of each id, by id (``BoardItemID``'s order: external id, then ObjectId first), with
    /// each external id extracted once instead of twice per comparison.
    private static func startOrder(_ items: [ReconcileItem], isFirst: [Bool], count: Int) -> [Int] {
        var keyed: [(key: String, rank: UInt8, index: Int)] = []
        keyed.reserveCapacity(count)
        // In the items' order, not the dictionary's: a board read sorted by `_id` is then one run for the merge
        // sort (sorting 100,000 ids from hash order was a quarter of a no-op plan). Ids are distinct, so the
        // order that comes out does not depend on the order that goes in.
        items.withUnsafeBufferPointer { items in
            for index in items.indices where isFirst[index] {
                let id = items[index].boardItemId
                let rank: UInt8 = if case .objectId = id { 0 } else { 1 }
                keyed.append((id.externalId, rank, index))
            }
        }
        keyed.sort { lhs, rhs in lhs.key == rhs.key ? lhs.rank < rhs.rank : lhs.key < rhs.key }
        return keyed.map(\.index)
    }
}
