import Foundation

/// Another worker holds the integration's lease (exit code 75: try later, or pass `--wait`).
public struct LeaseUnavailable: Error, Sendable, CustomStringConvertible {
    public var integrationId: String
    public var current: LeaseRecord?

    public var description: String {
        let holder = current.map { " by \($0.holder)" } ?? ""
        let until = current?.expiresAt.map { " until at least \($0.formatted(.iso8601))" } ?? ""
        return "integration \(integrationId) is being synced\(holder)\(until) (its lease is held); "
            + "try again later, or pass --wait to wait for it"
    }
}
