/// Which of an integration's stored webhook deliveries are decided, and on which one's `data`: Plane sends
/// one delivery per changed field (each with the same final `data`) and retries a dropped one late and out
/// of order, so each item is decided once, on its newest delivery, and only when that is newer than what is
/// already known of it. Pure: the edge reads the deliveries and what is known, and acts on the verdicts.
public enum DeliveryChoice {
    /// What one stored delivery says, as far as the choice needs it.
    public struct Delivery: Sendable, Equatable {
        /// The stored document's id.
        public var id: String
        public var event: String?
        public var action: String?
        /// `data.id`: the work item.
        public var itemId: String?
        /// `data.project`.
        public var projectId: String?
        /// `data.external_source`.
        public var externalSource: String?
        /// `data.updated_at` in microseconds; nil when missing or unreadable.
        public var updatedAtMicros: Int64?

        public init(
            id: String, event: String?, action: String?, itemId: String?, projectId: String?,
            externalSource: String?, updatedAtMicros: Int64?
        ) {
            self.id = id
            self.event = event
            self.action = action
            self.itemId = itemId
            self.projectId = projectId
            self.externalSource = externalSource
            self.updatedAtMicros = updatedAtMicros
        }
    }

    public enum Verdict: String, Sendable, Equatable, CaseIterable {
        /// The item is decided on this delivery's `data`.
        case decide
        /// A newer delivery of the same item (or another of the same change) decides it.
        case superseded
        /// Not newer than what is already known of the item (a late retry, or a change a listing decided).
        case stale
        /// Not a work item of this integration: another source, another project, a comment, a delete,
        /// or an event BoardSync does not use. Acknowledged and ignored.
        case ignored
    }

    /// What is known of Plane before these deliveries.
    public struct Known: Sendable, Equatable {
        /// The integration's Plane watermark: every change up to it was decided by a listing.
        public var watermarkMicros: Int64?
        /// The newest `updated_at` known of each Plane item: decided from a delivery, or what its link
        /// recorded of Plane (`remote_updated_at`, the item as our last write or decision left it). A
        /// delivery no newer is a late retry of what is known: deciding on it would take an old state of
        /// the item for a person's edit.
        public var decidedMicros: [String: Int64]

        public init(watermarkMicros: Int64? = nil, decidedMicros: [String: Int64] = [:]) {
            self.watermarkMicros = watermarkMicros
            self.decidedMicros = decidedMicros
        }
    }

    /// A verdict for every delivery, by its id.
    public static func verdicts(
        _ deliveries: [Delivery], externalSource: String, projects: Set<String>, known: Known
    ) -> [String: Verdict] {
        var verdicts: [String: Verdict] = [:]
        var newest: [String: Delivery] = [:]
        for delivery in deliveries {
            guard delivery.event == "issue", delivery.action == "created" || delivery.action == "updated",
                let item = delivery.itemId, delivery.externalSource == externalSource,
                let project = delivery.projectId, projects.contains(project),
                let updated = delivery.updatedAtMicros
            else {
                verdicts[delivery.id] = .ignored
                continue
            }
            let knownMicros = max(known.watermarkMicros ?? .min, known.decidedMicros[item] ?? .min)
            guard updated > knownMicros else {
                verdicts[delivery.id] = .stale
                continue
            }
            if let current = newest[item], !isNewer(delivery, than: current) {
                verdicts[delivery.id] = .superseded
                continue
            }
            if let replaced = newest[item] { verdicts[replaced.id] = .superseded }
            newest[item] = delivery
            verdicts[delivery.id] = .decide
        }
        return verdicts
    }

    /// Later `updated_at` wins; among equals (the deliveries of one PATCH carry the same `data`), the first.
    private static func isNewer(_ delivery: Delivery, than current: Delivery) -> Bool {
        (delivery.updatedAtMicros ?? .min) > (current.updatedAtMicros ?? .min)
    }
}
