import Foundation
import MongoDriver
import SyncCache

/// `boardsync status`: every served integration, every refused document with what is wrong, and the daemon
/// replicas with what each serves; read from MongoDB, so any pod (or a laptop) can answer.
public struct StatusReport: Sendable, Codable, Equatable {
    /// A document the runs refuse (invalid, or sharing an `external_source` with one that came first).
    public struct Refused: Sendable, Codable, Equatable {
        public struct Problem: Sendable, Codable, Equatable {
            public var field: String
            public var reason: String
        }

        public var integration: String
        public var problems: [Problem]
        public var message: String
    }

    /// A daemon replica as its heartbeat says, and whether it is live now; encoded as the heartbeat's
    /// fields plus `live`.
    @dynamicMemberLookup
    public struct Replica: Sendable, Codable, Equatable {
        public var record: ReplicaRecord
        public var live: Bool

        public init(record: ReplicaRecord, live: Bool) {
            self.record = record
            self.live = live
        }

        public subscript<T>(dynamicMember path: KeyPath<ReplicaRecord, T>) -> T { record[keyPath: path] }

        private enum LiveKey: String, CodingKey { case live }

        public init(from decoder: any Decoder) throws {
            record = try ReplicaRecord(from: decoder)
            live = try decoder.container(keyedBy: LiveKey.self).decode(Bool.self, forKey: .live)
        }

        public func encode(to encoder: any Encoder) throws {
            try record.encode(to: encoder)
            var container = encoder.container(keyedBy: LiveKey.self)
            try container.encode(live, forKey: .live)
        }
    }

    public var integrations: [IntegrationStatus]
    public var refused: [Refused]
    /// Live replicas first, then those gone within the last ten minutes.
    public var replicas: [Replica]

    /// Reads everything `status` shows: the integrations served (`only`, enabled or not; else every enabled
    /// one) through the runs' own loader, judged at `now`; with a `cache`, each one's runs on this machine.
    public static func read(database: MongoDatabase, only: String?, cache: SyncCache? = nil, now: Date = Date())
        async throws -> StatusReport
    {
        let served = try await IntegrationLoader(database: database).served(only: only)
        let records = try await ReplicaStore(database: database).all()
        var integrations: [IntegrationStatus] = []
        for integration in served.integrations {
            var status = try await IntegrationStatus.read(integration, database: database, replicas: records, now: now)
            status.localRuns =
                (try? await cache?.recentRuns(integrationId: integration.id, limit: 5))?
                .map(IntegrationStatus.Run.init(local:)) ?? []
            integrations.append(status)
        }
        let replicas = records.map { Replica(record: $0, live: $0.isLive(at: now)) }
        return StatusReport(
            integrations: integrations,
            refused: served.refused.map { error in
                Refused(
                    integration: error.integrationId,
                    problems: error.problems.map { Refused.Problem(field: $0.field, reason: $0.reason) },
                    message: error.description)
            },
            replicas: replicas.filter(\.live) + replicas.filter { !$0.live })
    }
}
