import BoardSyncTestSupport
import Foundation
import MongoDriver
import Testing

@testable import BoardSync

/// The heartbeat documents: announced on the server's clock, live until they expire, gone at once on a
/// goodbye, and removed by a TTL index a while after.
@Suite(.timeLimit(.minutes(1))) struct ReplicaStoreTests {
    @Test func aReplicaIsLiveUntilItsHeartbeatExpiresOnTheServersClock() async throws {
        try await TestServer.withDatabase { _, database in
            let store = ReplicaStore(database: database)
            try await store.ensureIndexes()
            try await store.ensureIndexes()
            // A long first period: a loaded machine's pause before the next call must not expire it.
            let first = try await store.heartbeat(
                id: "a", holder: "host pid 1 (run)", serving: ["y", "x"], period: .seconds(30))
            let beatAt = try #require(first.heartbeatAt)
            #expect(first.serving == ["x", "y"] && first.startedAt == beatAt)
            #expect(abs(try #require(first.expiresAt).timeIntervalSince(beatAt) - 30) < 0.01)
            let other = try await store.heartbeat(
                id: "b", holder: "host pid 2 (run)", serving: [], period: .seconds(60))
            let now = try #require(other.heartbeatAt)
            #expect(try await store.live(at: now).map(\.id) == ["a", "b"])

            // Another beat keeps its start and moves its expiry; silent, it is gone once that passes.
            let again = try await store.heartbeat(
                id: "a", holder: "host pid 1 (run)", serving: ["x"], period: .seconds(1))
            #expect(again.startedAt == first.startedAt && again.heartbeatAt! >= beatAt)
            let expiry = try #require(again.expiresAt)
            #expect(try await store.live(at: expiry.addingTimeInterval(-0.001)).map(\.id) == ["a", "b"])
            #expect(try await store.live(at: expiry).map(\.id) == ["b"])

            // A goodbye is gone at once, and kept (for `status`) as stopped.
            try await store.stop(id: "b")
            let all = try await store.all()
            #expect(all.first { $0.id == "b" }?.stoppedAt != nil)
            #expect(try await store.live(at: now).map(\.id) == ["a"])
            let index = try await database.collection(CollectionNames.replicas).listIndexes()
            #expect(index.first { $0["name"] == "expires_at_ttl" }?["expireAfterSeconds"]?.int64Value == 600)
        }
    }
}
