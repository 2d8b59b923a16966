import BoardSyncTestSupport
import Foundation
import MongoDriver
import Testing

@Suite struct ChangeStreamTests {
    @Test func resumingFromATokenYieldsExactlyTheEventsAfterIt() async throws {
        try await TestServer.withDatabase { _, database in
            let items = database.collection("board_items")
            try await items.insertOne(["_id": "before-stream"])
            let options = MongoChangeStreamOptions(fullDocument: "updateLookup", maxAwaitTime: .milliseconds(200))
            var iterator = items.watch(options: options).makeAsyncIterator()

            // The stream opens on the first poll; write once it is open.
            let writer = Task {
                try await Task.sleep(for: .milliseconds(300))
                for index in 1...4 {
                    try await items.insertOne(["_id": .string("item-\(index)"), "n": .int32(Int32(index))])
                }
                try await items.updateOne(["_id": "item-2"], ["$set": ["n": 20]])
            }
            var events: [MongoChangeEvent] = []
            while events.count < 5, let event = try await iterator.next() { events.append(event) }
            try await writer.value
            #expect(events.map { $0.document["operationType"] } == ["insert", "insert", "insert", "insert", "update"])
            #expect(events[4].document["fullDocument"]?.documentValue?["n"] == 20)

            // Resume after the second event: exactly the third, fourth and fifth follow.
            let resumed = MongoChangeStreamOptions(resumeAfter: events[1].resumeToken, maxAwaitTime: .milliseconds(200))
            var again = items.watch(options: resumed).makeAsyncIterator()
            var replayed: [BSONValue?] = []
            while replayed.count < 3, let event = try await again.next() {
                replayed.append(event.document.value(at: "documentKey._id"))
            }
            #expect(replayed == ["item-3", "item-4", "item-2"])
        }
    }

    @Test func cancellingTheWatchingTaskEndsTheStreamPromptly() async throws {
        try await TestServer.withDatabase { _, database in
            let stream = database.collection("quiet").watch(
                options: MongoChangeStreamOptions(maxAwaitTime: .milliseconds(100)))
            let watcher = Task {
                var count = 0
                for try await _ in stream { count += 1 }
                return count
            }
            try await Task.sleep(for: .milliseconds(300))
            let started = ContinuousClock.now
            watcher.cancel()
            #expect(try await watcher.value == 0)
            #expect(ContinuousClock.now - started < .seconds(2))
        }
    }
}
