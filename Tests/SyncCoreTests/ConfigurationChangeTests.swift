import SyncCore
import Testing

/// What an integration's changed document needs for the mirror to follow it: the next run, a full resync,
/// or a raised `mapping.version` and a resync.
@Suite struct ConfigurationChangeTests {
    static let base = Fixtures.configuration()

    static func changed(_ edit: (inout SyncConfiguration) -> Void) -> SyncConfiguration {
        var configuration = base
        edit(&configuration)
        return configuration
    }

    @Test func anUnchangedConfigurationNeedsNothing() {
        let change = ConfigurationChange.between(Self.base, Self.base)
        #expect(change.isEmpty && !change.needsResync && !change.needsVersionRaise && change.advice == nil)
    }

    @Test func aPolicyChangeTakesEffectAtTheNextRunAlone() {
        let change = ConfigurationChange.between(Self.base, Self.changed { $0.policy.remoteEdits = .overwrite })
        #expect(change.parts == [.policy])
        #expect(!change.needsResync && change.advice == nil)
    }

    @Test func aMappingChangedWithoutItsVersionNeedsTheVersionRaisedAndAResync() {
        let change = ConfigurationChange.between(Self.base, Self.changed { $0.mapping.status["todo"] = "Backlog" })
        #expect(change.parts == [.status])
        #expect(change.needsResync && change.needsVersionRaise)
        #expect(change.advice?.contains("mapping.status changed without raising mapping.version") == true)
        #expect(change.advice?.contains("boardsync resync") == true)

        let raised = ConfigurationChange.between(
            Self.base,
            Self.changed {
                $0.mapping.timezone = "Europe/Berlin"
                $0.mapping.version = 2
            })
        #expect(raised.parts == [.mappingVersion, .timezone])
        #expect(raised.needsResync && !raised.needsVersionRaise)
        #expect(raised.advice?.hasPrefix("mapping.version, mapping.timezone changed: items the board does not") == true)
    }

    @Test(arguments: [ConfigurationChange.Part.projects, .scope])
    func whichItemsAreMirroredChangesAtAFullResync(part: ConfigurationChange.Part) {
        let new =
            part == .projects
            ? Self.changed { $0.projects["ops"] = "5b1f0c3e-8a4d-4c6e-9f21-3d7a1e000002" }
            : Self.changed { $0.scope.excludeStatuses = ["cancelled"] }
        let change = ConfigurationChange.between(Self.base, new)
        #expect(change.parts == [part])
        #expect(change.needsResync && !change.needsVersionRaise)
        #expect(change.advice?.contains("follow only at a full resync") == true)
    }

    @Test func anExternalSourceChangeIsFlaggedForAPerson() {
        let change = ConfigurationChange.between(Self.base, Self.changed { $0.externalSource = "nexus/other" })
        #expect(change.parts == [.externalSource] && !change.needsResync)
        #expect(change.advice?.contains("set it back") == true)
    }

    @Test func aFullResyncAppliesEverythingButAMappingWhoseVersionStayed() {
        // Nothing recorded yet: what the resync ran with.
        #expect(ConfigurationChange.appliedByFullResync(applied: nil, current: Self.base) == Self.base)

        let newScope = Self.changed {
            $0.scope.excludeLabels = ["internal"]
            $0.mapping.priority["p1"] = "high"
        }
        let applied = ConfigurationChange.appliedByFullResync(applied: Self.base, current: newScope)
        #expect(applied.scope == newScope.scope)
        #expect(applied.mapping == Self.base.mapping, "unchanged items were not rewritten with the new mapping")
        #expect(ConfigurationChange.between(applied, newScope).needsVersionRaise)

        var raised = newScope
        raised.mapping.version = 2
        let rewritten = ConfigurationChange.appliedByFullResync(applied: applied, current: raised)
        #expect(rewritten == raised)
        #expect(ConfigurationChange.between(rewritten, raised).isEmpty)
    }
}
