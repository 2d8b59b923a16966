import SyncCore
import Testing

/// What an integration's changed document means for the mirror: a change to what items look like or to which
/// are mirrored makes the next run read the whole board (the configuration digest changed); a policy change
/// applies from the next run; only a changed `external_source` needs a person.
@Suite struct ConfigurationChangeTests {
    static let base = Fixtures.configuration()

    static func changed(_ edit: (inout SyncConfiguration) -> Void) -> SyncConfiguration {
        var configuration = base
        edit(&configuration)
        return configuration
    }

    @Test func anUnchangedConfigurationNeedsNothing() {
        let change = ConfigurationChange.between(Self.base, Self.base)
        #expect(change.isEmpty && !change.reachesEveryItem && change.effect == nil && change.warning == nil)
    }

    @Test func aPolicyChangeTakesEffectAtTheNextRunAlone() {
        let change = ConfigurationChange.between(Self.base, Self.changed { $0.policy.remoteEdits = .overwrite })
        #expect(change.parts == [.policy])
        #expect(!change.reachesEveryItem && change.warning == nil)
        #expect(change.effect == "policy changed: it applies from the next run")
    }

    @Test func aMappingChangedWithoutItsVersionIsFollowedByTheNextRunWithoutAResync() {
        let change = ConfigurationChange.between(Self.base, Self.changed { $0.mapping.status["todo"] = "Backlog" })
        #expect(change.parts == [.status])
        #expect(change.reachesEveryItem && change.warning == nil)
        #expect(change.effect?.contains("mapping.status changed: the next run reads the whole board") == true)
        #expect(change.effect?.contains("resync") == false)
    }

    @Test(arguments: [ConfigurationChange.Part.projects, .scope])
    func whichItemsAreMirroredIsDecidedAgainForEveryItem(part: ConfigurationChange.Part) {
        let new =
            part == .projects
            ? Self.changed { $0.projects["ops"] = "5b1f0c3e-8a4d-4c6e-9f21-3d7a1e000002" }
            : Self.changed { $0.scope.excludeStatuses = ["cancelled"] }
        let change = ConfigurationChange.between(Self.base, new)
        #expect(change.parts == [part])
        #expect(change.reachesEveryItem)
        #expect(change.effect?.hasPrefix("\(part.rawValue) changed: the next run reads the whole board") == true)
    }

    @Test func anExternalSourceChangeIsFlaggedForAPerson() {
        let change = ConfigurationChange.between(Self.base, Self.changed { $0.externalSource = "nexus/other" })
        #expect(change.parts == [.externalSource] && !change.reachesEveryItem)
        #expect(change.warning?.contains("set it back") == true)
    }

    @Test func statusShowsAChangeUntilTheWholeBoardWasDecidedUnderIt() {
        let digest = Fingerprint.configuration(Self.base)
        #expect(ConfigurationChange.pending(since: nil, Self.base) == nil, "no pass yet: the first run reads it all")
        #expect(ConfigurationChange.pending(since: digest, Self.base) == nil)
        let remapped = Self.changed { $0.mapping.priority["p1"] = "high" }
        #expect(ConfigurationChange.pending(since: digest, remapped)?.contains("the next run reads the whole") == true)
    }
}
