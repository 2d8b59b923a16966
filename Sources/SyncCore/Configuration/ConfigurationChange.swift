/// What changed between two versions of an integration's configuration, and what the mirror does about it.
///
/// Every change takes effect at the next run. A change to what items look like in Plane or to which items
/// are mirrored (projects, mapping, scope, the label caps) changes the configuration digest
/// (``Fingerprint/configuration(_:)``), so the next run reads the whole board and decides every item again
/// (``BoardPassRule``); the mapping's content is in each item's input fingerprint, so exactly the items it
/// alters are written. No resync and no raised `mapping.version` is needed. Only a changed
/// `external_source` needs a person: the items mirrored under the old one are no longer recognised.
public struct ConfigurationChange: Sendable, Equatable {
    /// A part of the configuration, named as in the `integrations` document.
    public enum Part: String, Sendable, Hashable, CaseIterable {
        case externalSource = "external_source"
        case projects
        case mappingVersion = "mapping.version"
        case status = "mapping.status"
        case priority = "mapping.priority"
        case labels = "mapping.labels"
        case timezone = "mapping.timezone"
        case backlinkTemplate = "mapping.backlink_template"
        case scope
        case policy

        /// Parts whose change every item must follow, not only those a run happens to write: the next run
        /// reads the whole board for them.
        var reachesEveryItem: Bool { self != .policy && self != .externalSource }
    }

    /// What differs, in the order of ``Part``.
    public var parts: [Part]

    /// Nothing differs.
    public var isEmpty: Bool { parts.isEmpty }

    /// The next run reads the whole board and decides every item again.
    public var reachesEveryItem: Bool { parts.contains { $0.reachesEveryItem } }

    public static func between(_ old: SyncConfiguration, _ new: SyncConfiguration) -> ConfigurationChange {
        let differs: [Part: Bool] = [
            .externalSource: old.externalSource != new.externalSource,
            .projects: old.projects != new.projects,
            .mappingVersion: old.mapping.version != new.mapping.version,
            .status: old.mapping.status != new.mapping.status,
            .priority: old.mapping.priority != new.mapping.priority,
            .labels: old.mapping.labels != new.mapping.labels,
            .timezone: old.mapping.timezone != new.mapping.timezone,
            .backlinkTemplate: old.mapping.backlinkTemplate != new.mapping.backlinkTemplate,
            .scope: old.scope != new.scope,
            .policy: old.policy != new.policy,
        ]
        return ConfigurationChange(parts: Part.allCases.filter { differs[$0] == true })
    }

    /// What the mirror does about the change, for the log: nil when nothing differs.
    public var effect: String? {
        var sentences: [String] = []
        if let warning { sentences.append(warning) }
        let names = parts.filter(\.reachesEveryItem).map(\.rawValue).joined(separator: ", ")
        if reachesEveryItem {
            sentences.append(
                "\(names) changed: the next run reads the whole board and writes every item the change alters")
        } else if parts.contains(.policy) {
            sentences.append("policy changed: it applies from the next run")
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: "; ")
    }

    /// What needs a person, or nil when the next runs are enough.
    public var warning: String? {
        guard parts.contains(.externalSource) else { return nil }
        return "external_source changed: the Plane items mirrored under the old one are no longer recognised as "
            + "this integration's and a run would create a second copy of each; set it back"
    }

    /// For `status`: the document differs from the configuration the whole board was last decided under
    /// (`storedDigest`, nil before the first whole-board pass), so the next run reads the whole board.
    public static func pending(since storedDigest: String?, _ current: SyncConfiguration) -> String? {
        guard let storedDigest, storedDigest != Fingerprint.configuration(current) else { return nil }
        return "the integration document changed since the whole board was last decided: the next run reads the "
            + "whole board and writes every item the change alters"
    }
}
