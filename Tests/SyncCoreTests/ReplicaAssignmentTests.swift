import SyncCore
import Testing

/// Which replica serves which integration: the same answer on every replica, a fair share each, and little
/// movement when a replica comes or goes.
@Suite struct ReplicaAssignmentTests {
    static func replicaIds(_ count: Int, seed: Int) -> [String] {
        (0..<count).map { index in
            // Replica ids are random per process; these stand for them.
            String(ReplicaAssignment.weight(replica: "seed-\(seed)", integration: "\(index)"), radix: 16)
        }
    }

    @Test func theWeightIsTheSameInEveryProcessAndVersion() {
        // Fixed values: a change here would make replicas of two versions disagree during a rolling update.
        #expect(ReplicaAssignment.weight(replica: "a1b2c3", integration: "plane-acme") == 0xec75_fb89_9ccd_b08a)
        #expect(ReplicaAssignment.weight(replica: "", integration: "") == 0xb903_4ad3_7056_f5fb)
        // The separator keeps ("ab", "c") and ("a", "bc") apart.
        #expect(
            ReplicaAssignment.weight(replica: "ab", integration: "c")
                != ReplicaAssignment.weight(replica: "a", integration: "bc"))
    }

    @Test func everyReplicaComputesTheSameAnswerWhateverTheOrderOfItsLists() {
        let replicas = Self.replicaIds(3, seed: 1)
        let integrations = (1...10).map { "plane-\($0)" }
        let reference = ReplicaAssignment.assign(integrations: integrations, replicas: replicas)
        #expect(reference.count == 10)
        #expect(
            ReplicaAssignment.assign(integrations: integrations.reversed(), replicas: replicas.reversed()) == reference)
        #expect(
            ReplicaAssignment.assign(integrations: integrations.shuffled(), replicas: replicas + replicas) == reference)
        #expect(ReplicaAssignment.assign(integrations: integrations, replicas: [String]()).isEmpty)
    }

    /// Plain rendezvous hashing would give two replicas a 2/2 split of four integrations only 6 times in 16.
    @Test(arguments: 0..<200)
    func fourIntegrationsOnTwoReplicasAreTwoEach(seed: Int) {
        let replicas = Self.replicaIds(2, seed: seed)
        let integrations = ["plane-1", "plane-2", "plane-3", "plane-4"]
        let assignment = ReplicaAssignment.assign(integrations: integrations, replicas: replicas)
        let load = Dictionary(grouping: assignment.values, by: { $0 }).mapValues(\.count)
        #expect(load.values.sorted() == [2, 2], "\(assignment)")
    }

    @Test(arguments: [(5, 2), (7, 3), (10, 4), (3, 5), (40, 6)])
    func noReplicaServesMoreThanItsShare(integrationCount: Int, replicaCount: Int) {
        let replicas = Self.replicaIds(replicaCount, seed: integrationCount)
        let integrations = (0..<integrationCount).map { "i\($0)" }
        let assignment = ReplicaAssignment.assign(integrations: integrations, replicas: replicas)
        let share = (integrationCount + replicaCount - 1) / replicaCount
        let load = Dictionary(grouping: assignment.values, by: { $0 }).mapValues(\.count)
        #expect(assignment.count == integrationCount)
        #expect(load.values.allSatisfy { $0 <= share }, "\(load)")
    }

    @Test func whenAReplicaGoesItsIntegrationsMoveAndMostOthersStay() {
        let replicas = Self.replicaIds(4, seed: 9)
        let integrations = (0..<100).map { "integration-\($0)" }
        let before = ReplicaAssignment.assign(integrations: integrations, replicas: replicas)
        let gone = replicas[1]
        let after = ReplicaAssignment.assign(integrations: integrations, replicas: replicas.filter { $0 != gone })
        #expect(after.values.allSatisfy { $0 != gone })
        let stayed = integrations.filter { before[$0] != gone && after[$0] == before[$0] }.count
        let others = integrations.filter { before[$0] != gone }.count
        // Modulo hashing would move about three in four; here the room freed by the departed replica's
        // share lets nearly all stay.
        #expect(Double(stayed) >= 0.8 * Double(others), "\(stayed) of \(others) stayed")

        // The last replica standing serves everything.
        let survivor = ReplicaAssignment.assign(integrations: integrations, replicas: [replicas[0]])
        #expect(Set(survivor.values) == [replicas[0]] && survivor.count == 100)
    }

    @Test func eachIntegrationPrefersReplicasInItsOwnOrder() {
        let replicas = Self.replicaIds(5, seed: 4)
        let first = ReplicaAssignment.ranking(of: "plane-a", among: replicas)
        #expect(Set(first) == Set(replicas) && first.count == 5)
        // Different integrations rank the same replicas differently (else one replica would take all).
        let firstChoices = Set((0..<20).map { ReplicaAssignment.ranking(of: "i\($0)", among: replicas)[0] })
        #expect(firstChoices.count >= 3)
    }
}
