import BoardSyncTestSupport
import Foundation
import MongoDriver
import Synchronization
import TestClocks
import Testing

@testable import BoardSync

/// The daemon's two change streams in process: `integrations` (with its polling fallback) and `board_items`.
@Suite(.timeLimit(.minutes(1))) struct DaemonWatchTests {
    /// A run's own checkpoint write does not make the daemon read every integration again; anything else does.
    @Test func onlyChangesBeyondTheCheckpointMakeTheIntegrationsBeReadAgain() async throws {
        try await TestServer.withDatabase { _, database in
            let integrations = database.collection(CollectionNames.integrations)
            try await integrations.insertOne([
                "_id": "a", "kind": "plane", "enabled": true, "mapping": ["version": 1],
                "sync_state": ["resume_token": ["_data": "00"]],
            ])
            var iterator = integrations.watch(options: MongoChangeStreamOptions(maxAwaitTime: .milliseconds(100)))
                .makeAsyncIterator()
            try await iterator.open()
            try await integrations.updateOne(
                ["_id": "a"], ["$set": ["sync_state.cursor": .date(Date()), "sync_state.remote_watermark": "w"]])
            try await integrations.updateOne(["_id": "a"], ["$unset": ["sync_state.resume_token": ""]])
            try await integrations.updateOne(["_id": "a"], ["$set": ["enabled": false]])
            try await integrations.updateOne(["_id": "a"], ["$set": ["sync_state": ["cursor": nil]]])
            try await integrations.updateOne(["_id": "a"], ["$unset": ["mapping": ""]])
            try await integrations.insertOne(["_id": "b", "kind": "plane"])
            try await integrations.deleteOne(["_id": "b"])
            var verdicts: [Bool] = []
            while verdicts.count < 7, let event = try await iterator.next() {
                verdicts.append(IntegrationFollower.mayChangeWhatIsServed(event))
            }
            #expect(verdicts == [false, false, true, false, true, true, true])
        }
    }

    /// Without change streams (`--no-watch`, or a standalone server) a new document is read at the next
    /// poll of the injected clock, and not before.
    @Test func withoutAStreamTheIntegrationsAreReadEveryPoll() async throws {
        try await TestServer.withDatabase { _, database in
            let clock = ManualClock(jumpsOnSleep: false)
            var schedule = DaemonSchedule(watch: false)
            schedule.integrationsPoll = .seconds(5)
            let follower = IntegrationFollower(
                database: database, only: nil, schedule: schedule, clock: InjectedClock(clock),
                logger: LeaseStoreTests.quiet)
            let (reads, deliver) = AsyncStream.makeStream(of: [String].self)
            let following = Task {
                await follower.follow { result in
                    deliver.yield((try? result.get())?.refused.map(\.integrationId) ?? ["(failed)"])
                }
            }
            var iterator = reads.makeAsyncIterator()
            #expect(await iterator.next() == [], "read at start")
            // An invalid enabled document: refused, named, once it is read.
            try await database.collection(CollectionNames.integrations).insertOne([
                "_id": "broken", "kind": "plane", "enabled": true,
            ])
            #expect(clock.sleepersWaiting <= 1)
            try await IntegrationWorkerTests.until { clock.sleepersWaiting == 1 }
            clock.advance(by: .seconds(5))
            #expect(await iterator.next() == ["broken"])
            following.cancel()
            await following.value
        }
    }

    /// A position the server cannot resume from is dropped: every project is reported (each worker syncs),
    /// and the stream watches afresh, reporting each edit's board project.
    @Test func anUnusablePositionIsDroppedAndEditsAreReportedByProject() async throws {
        try await TestServer.withDatabase { _, database in
            let edited = Mutex<[String?]>([])
            let (opened, signal) = AsyncStream.makeStream(of: Void.self)
            let watcher = BoardWatcher(
                database: database, maxAwait: .milliseconds(100), clock: InjectedClock(ContinuousClock()),
                logger: LeaseStoreTests.quiet, edited: { project in edited.withLock { $0.append(project) } })
            let watching = Task {
                await watcher.run(resumingAfter: ["_data": "8263A1B2C3000001"], opened: { signal.yield() })
            }
            for await _ in opened { break }
            #expect(edited.withLock { $0 } == [nil], "the unusable position makes every worker sync")
            let items = database.collection(CollectionNames.boardItems)
            try await items.insertOne(["_id": "x", "project_id": "alpha", "title": "x"])
            try await items.updateOne(["_id": "x"], ["$set": ["title": "y"]])
            // The update's document is looked up when the event is read: delete once it was.
            #expect(try await DaemonProcessTests.eventually(.seconds(10)) { edited.withLock { $0.count } == 3 })
            try await items.deleteOne(["_id": "x"])
            #expect(try await DaemonProcessTests.eventually(.seconds(10)) { edited.withLock { $0.count } == 4 })
            #expect(edited.withLock { $0 } == [nil, "alpha", "alpha", nil])
            watching.cancel()
            #expect(await watching.value == .cancelled)
        }
    }
}
