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

            // Opened before the writes: every one of them is seen, and "before-stream" is not.
            try await iterator.open()
            for index in 1...4 {
                try await items.insertOne(["_id": .string("item-\(index)"), "n": .int32(Int32(index))])
            }
            try await items.updateOne(["_id": "item-2"], ["$set": ["n": 20]])
            var events: [MongoChangeEvent] = []
            while events.count < 5, let event = try await iterator.next() { events.append(event) }
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
        try await TestServer.withDatabase { _, database throws in
            let stream = database.collection("quiet").watch(
                options: MongoChangeStreamOptions(maxAwaitTime: .milliseconds(100)))
            let (opened, signal) = AsyncStream.makeStream(of: Void.self)
            let watcher = Task {
                var iterator = stream.makeAsyncIterator()
                try await iterator.open()
                signal.yield()
                var count = 0
                while try await iterator.next() != nil { count += 1 }
                return count
            }
            // Cancelled once it is open and waiting on the server (or about to).
            for await _ in opened { break }
            let started = ContinuousClock.now
            watcher.cancel()
            #expect(try await watcher.value == 0)
            #expect(ContinuousClock.now - started < .seconds(2))
        }
    }

    @Test func aStreamTheServerRefusesGivesItsConnectionBack() async throws {
        try await TestServer.withDatabase(maxPoolSize: 1) { _, database throws in
            // A resume token the server cannot read: refused at every attempt. With one pooled connection,
            // a refused stream that kept its connection would leave the next operation waiting for ever.
            let options = MongoChangeStreamOptions(
                resumeAfter: ["_data": "8263A1B2C3000001"], maxAwaitTime: .milliseconds(100))
            for _ in 0..<3 {
                var iterator = database.collection("items").watch(options: options).makeAsyncIterator()
                do {
                    _ = try await iterator.next()
                    Issue.record("the server resumed from a token it cannot read")
                } catch {
                    #expect(error is MongoError)
                }
            }
            #expect(try await database.collection("items").countDocuments() == 0)
        }
    }
}
