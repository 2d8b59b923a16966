import Foundation
import MongoDriver

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

    /// A daemon replica, as its heartbeat says.
    public struct Replica: Sendable, Codable, Equatable {
        public var id: String
        public var holder: String
        public var live: Bool
        public var startedAt: Date?
        public var heartbeatAt: Date?
        /// Until when it counts as live without another heartbeat.
        public var expiresAt: Date?
        /// When it stopped on a SIGTERM or SIGINT.
        public var stoppedAt: Date?
        public var serving: [String]

        enum CodingKeys: String, CodingKey {
            case id, holder, live
            case startedAt = "started_at"
            case heartbeatAt = "heartbeat_at"
            case expiresAt = "expires_at"
            case stoppedAt = "stopped_at"
            case serving
        }
    }

    public var integrations: [IntegrationStatus]
    public var refused: [Refused]
    /// Live replicas first, then those gone within the last ten minutes.
    public var replicas: [Replica]

    /// Reads everything `status` shows: the integrations served (`only`, enabled or not; else every enabled
    /// one) through the runs' own loader, judged at `now`.
    public static func read(database: MongoDatabase, only: String?, now: Date = Date()) async throws -> StatusReport {
        let served = try await IntegrationLoader(database: database).served(only: only)
        let records = try await ReplicaStore(database: database).all()
        var integrations: [IntegrationStatus] = []
        for integration in served.integrations {
            integrations.append(
                try await IntegrationStatus.read(integration, database: database, replicas: records, now: now))
        }
        let replicas = records.map {
            Replica(
                id: $0.id, holder: $0.holder, live: $0.isLive(at: now), startedAt: $0.startedAt,
                heartbeatAt: $0.heartbeatAt, expiresAt: $0.expiresAt, stoppedAt: $0.stoppedAt, serving: $0.serving)
        }
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
