import Foundation
import Logging
import MongoDriver

/// This replica's heartbeat: announces it in `board_sync_replicas` every third of the heartbeat period,
/// with what it serves, and reads which replicas are live. It wakes early when another replica would expire
/// before its next beat, so a replica that stopped announcing itself is seen gone as soon as it is, and its
/// integrations move within one heartbeat period. Each beat is also the daemon's probe of MongoDB.
struct ReplicaHeartbeat: Sendable {
    let store: ReplicaStore
    let replica: DaemonReplica
    let schedule: DaemonSchedule
    let clock: InjectedClock
    /// What this replica serves now, announced with each beat.
    let serving: @Sendable () -> [String]

    /// Beats until cancelled, handing each beat's live replicas (or why MongoDB did not answer) to `deliver`.
    func beat(_ deliver: @escaping @Sendable (Result<[ReplicaRecord], any Error>) async -> Void) async {
        while !Task.isCancelled {
            var wake = clock.now() + schedule.heartbeatEvery
            do {
                let mine = try await store.heartbeat(
                    id: replica.id, holder: replica.holder, serving: serving(), period: schedule.heartbeat)
                let serverNow = mine.heartbeatAt ?? Date()
                let live = try await store.live(at: serverNow)
                await deliver(.success(live))
                let firstExpiry = live.filter { $0.id != replica.id }.compactMap(\.expiresAt).min()
                if let firstExpiry {
                    let left = Duration.seconds(firstExpiry.timeIntervalSince(serverNow))
                    wake = min(wake, clock.now() + max(.zero, left) + .milliseconds(20))
                }
            } catch {
                await deliver(.failure(error))
            }
            do { try await clock.sleep(until: wake) } catch { return }
        }
    }
}

/// Who a daemon process is among the replicas: a new random id per process, and the holder name leases
/// use (`host pid N (run)`).
public struct DaemonReplica: Sendable, Equatable {
    public var id: String
    public var holder: String

    /// A new replica id for this process.
    public static func current(command: String = "run") -> DaemonReplica {
        DaemonReplica(id: String(LeaseToken.random().prefix(12)), holder: LeaseKeeper.holderName(command: command))
    }
}
