/// Which daemon replica serves which integration (docs/architecture.md, "The daemon"): rendezvous hashing
/// (highest random weight) with a bounded load. Every replica computes the same answer from the same two
/// lists, whatever their order, so no coordinator is needed: each integration ranks the live replicas by a
/// weight of the pair and goes to the first that still has room, a replica taking at most its share,
/// ⌈integrations / replicas⌉. When a replica goes, its integrations move to their next choice; the others
/// stay unless the room left forces them.
public enum ReplicaAssignment {
    /// Integration id → the replica id that serves it; empty when there is no replica.
    public static func assign(integrations: some Sequence<String>, replicas: some Sequence<String>) -> [String: String]
    {
        let replicas = Array(Set(replicas))
        guard !replicas.isEmpty else { return [:] }
        // Sorted, so that which integration meets a full replica first is the same on every replica.
        let integrations = Set(integrations).sorted()
        let share = (integrations.count + replicas.count - 1) / replicas.count
        var load: [String: Int] = [:]
        var assignment: [String: String] = [:]
        for integration in integrations {
            let ranked = ranking(of: integration, among: replicas)
            let chosen = ranked.first { load[$0, default: 0] < share } ?? ranked[0]
            assignment[integration] = chosen
            load[chosen, default: 0] += 1
        }
        return assignment
    }

    /// The replicas in the order `integration` prefers them: highest weight first, ties by id.
    public static func ranking(of integration: String, among replicas: some Sequence<String>) -> [String] {
        Set(replicas).map { (replica: $0, weight: weight(replica: $0, integration: integration)) }
            .sorted { ($0.weight, $1.replica) > ($1.weight, $0.replica) }
            .map(\.replica)
    }

    /// A weight of the pair that is the same in every process and every version: FNV-1a over the two ids
    /// (separated by a NUL, which neither holds), then MurmurHash3's 64-bit finaliser so that ids differing
    /// in one character spread over the whole range.
    ///
    /// Written here rather than taken from a library: Swift's `Hasher` is seeded anew in every process, so
    /// two replicas would disagree, and a cryptographic digest is far more than a ranking needs.
    public static func weight(replica: String, integration: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(replica.utf8) + [0] + Array(integration.utf8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash &*= 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return hash
    }
}
