/// What changed between two versions of an integration's configuration, and what the mirror needs to follow
/// it. Every change takes effect at the next run for the items that run writes; a run writes only items the
/// board (or Plane) changed, so a change to what items look like in Plane, or to which items are mirrored,
/// reaches the others only at a full resync, and a mapping change reaches them only when `mapping.version`
/// was raised too (an unchanged item's input fingerprint holds the version, not the mapping itself).
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

        /// Parts whose change every item must follow, not only those a run happens to write.
        var reachesEveryItem: Bool { self != .policy && self != .externalSource }

        /// Parts of the mapping proper: hashed into no fingerprint, so only a raised version rewrites items.
        var isMappingContent: Bool { [.status, .priority, .labels, .timezone, .backlinkTemplate].contains(self) }
    }

    /// What differs, in the order of ``Part``.
    public var parts: [Part]

    /// Nothing differs.
    public var isEmpty: Bool { parts.isEmpty }

    /// Items the board does not change follow only at a full resync.
    public var needsResync: Bool { parts.contains { $0.reachesEveryItem } }

    /// The mapping changed while its version stayed: even a full resync leaves unchanged items as they are.
    public var needsVersionRaise: Bool {
        parts.contains { $0.isMappingContent } && !parts.contains(.mappingVersion)
    }

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

    /// What a person should do, or nil when the next runs are enough.
    public var advice: String? {
        var sentences: [String] = []
        if parts.contains(.externalSource) {
            sentences.append(
                "external_source changed: the Plane items mirrored under the old one are no longer recognised as "
                    + "this integration's and a run would create a second copy of each; set it back")
        }
        let names = parts.filter(\.reachesEveryItem).map(\.rawValue).joined(separator: ", ")
        if needsVersionRaise {
            sentences.append(
                "\(names) changed without raising mapping.version: items the board does not change keep the old "
                    + "mapping, even through a resync; raise mapping.version, then run `boardsync resync`")
        } else if needsResync {
            sentences.append(
                "\(names) changed: items the board does not change follow only at a full resync; run "
                    + "`boardsync resync` (a daemon also runs one every --full-every)")
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: "; ")
    }

    /// The configuration every mirrored item follows once a full resync of `current` completed, given what
    /// they followed before (`applied`, nil when unknown): all of `current`, except a mapping whose content
    /// changed while its version stayed, which the resync did not rewrite unchanged items with.
    public static func appliedByFullResync(applied: SyncConfiguration?, current: SyncConfiguration)
        -> SyncConfiguration
    {
        guard let applied else { return current }
        var result = current
        if applied.mapping.version == current.mapping.version { result.mapping = applied.mapping }
        return result
    }
}
