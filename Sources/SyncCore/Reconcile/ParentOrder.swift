/// Orders items so that every parent comes before its children, and finds parent cycles.
enum ParentOrder {
    static func order(_ items: [ReconcileItem]) -> ([ReconcileItem], [BoardItemID: [BoardItemID]]) {
        var byId: [BoardItemID: ReconcileItem] = [:]
        for item in items where byId[item.boardItemId] == nil { byId[item.boardItemId] = item }
        var state: [BoardItemID: Bool] = [:]  // false: on the current path, true: done
        var ordered: [ReconcileItem] = []
        var cycles: [BoardItemID: [BoardItemID]] = [:]

        func parent(of id: BoardItemID) -> BoardItemID? {
            guard case .live(let board) = byId[id]?.board, let parentId = board.parentId, parentId != id,
                byId[parentId] != nil
            else { return nil }
            return parentId
        }

        for start in byId.keys.sorted() where state[start] == nil {
            var path: [BoardItemID] = []
            var current: BoardItemID? = start
            while let id = current, state[id] == nil {
                state[id] = false
                path.append(id)
                current = parent(of: id)
            }
            if let id = current, state[id] == false, let index = path.firstIndex(of: id) {
                let cycle = Array(path[index...])
                for member in cycle { cycles[member] = cycle + [id] }
            }
            for id in path.reversed() {
                state[id] = true
                if let item = byId[id] { ordered.append(item) }
            }
        }
        return (ordered, cycles)
    }
}
