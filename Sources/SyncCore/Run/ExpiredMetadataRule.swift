/// Whether a plan made on an expired copy of Plane's metadata (older than its TTL) stands without reading
/// the metadata again: when every item is skipped for a reason no metadata could change. An unchanged
/// item is decided on fingerprints (the board's input, Plane's values), never on the metadata; an item
/// whose value maps to nothing is ``MetadataEvidence``'s to refresh. Anything that would be written, a
/// conflict, or a skip that newer metadata could lift, needs the metadata as Plane has it now. So an idle
/// run (one page per project, every item unchanged) reads no metadata at all, however old the copy. Pure.
public enum ExpiredMetadataRule {
    public static func stands(_ plan: SyncPlan) -> Bool {
        guard plan.blocked == nil else { return false }
        return plan.actions.allSatisfy { planned in
            guard case .skip(let reason) = planned.action else { return false }
            switch reason {
            case .noPlaneMetadata, .waitingForLabels, .planeStateUnknown: return false
            default: return true
            }
        }
    }
}
