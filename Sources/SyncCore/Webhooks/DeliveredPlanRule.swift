/// Which items of a plan made on webhook deliveries must be read from Plane before the plan stands. A
/// delivery shows the item as it was when Plane sent it: perhaps a late retry, perhaps before an edit whose
/// own delivery was lost. That is enough to decide an item that needs no write (the echo of our own write,
/// a person's edit held as a conflict), never to push: a board change waiting for the item (changed since
/// the cursor, or long ago and due for retry, or committed late) would then be weighed against an old
/// Plane side, and a person's newer edit overwritten. So every item whose action writes to Plane, and whose
/// Plane side is the delivery's, is read by id and the plan made again; the second plan stands, whatever
/// it decides. Pure.
public enum DeliveredPlanRule {
    /// - Parameter asDelivered: the board items whose Plane side is a delivery's `data` (not read this run).
    public static func itemsToRead(_ plan: SyncPlan, asDelivered: Set<BoardItemID>) -> Set<BoardItemID> {
        var found = Set<BoardItemID>()
        for planned in plan.actions where planned.estimatedWrites > 0 {
            guard let id = planned.boardItemId, asDelivered.contains(id) else { continue }
            found.insert(id)
        }
        return found
    }
}
