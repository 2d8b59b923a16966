import Logging
import MongoDriver

/// Watches `board_items` for the whole daemon and reports the board project of each edited item (nil when
/// unknown: a delete carries no document). Returns on a standalone server (40573: the interval alone syncs);
/// a position the server cannot resume from (286, or unreadable) is dropped and every project reported; a
/// broken stream is reopened with backoff.
///
/// One stream for every integration a replica serves, so that a daemon holds two change streams (this one
/// and the `integrations` one) however many integrations it serves: each holds a pooled connection.
struct BoardWatcher: Sendable {
    enum Ending: Sendable, Equatable {
        case cancelled
        case unsupported
    }

    let collection: MongoCollection
    /// What an event is about (the board project; the integration of a webhook delivery).
    let key: @Sendable (MongoChangeEvent) -> String?
    /// What a change lets the daemon do, for the log.
    let purpose: String
    let maxAwait: Duration
    let clock: InjectedClock
    let logger: Logger
    /// Told the board project of each edited item (nil: every project).
    let edited: @Sendable (String?) -> Void

    init(
        database: MongoDatabase, maxAwait: Duration, clock: InjectedClock, logger: Logger,
        edited: @escaping @Sendable (String?) -> Void
    ) {
        collection = database.collection(CollectionNames.boardItems)
        key = { Self.project(of: $0) }
        purpose = "an edit is synced within seconds"
        self.maxAwait = maxAwait
        self.clock = clock
        self.logger = logger
        self.edited = edited
    }

    /// Watches `plane_webhook_deliveries`: each delivery stored, by any replica, wakes the worker of its
    /// integration here (`edited` is told the integration id).
    init(
        deliveriesOf database: MongoDatabase, maxAwait: Duration, clock: InjectedClock, logger: Logger,
        stored: @escaping @Sendable (String?) -> Void
    ) {
        collection = database.collection(CollectionNames.webhookDeliveries)
        // Inserts only: marking a delivery acted on changes it too.
        key = { event in
            guard event.document["operationType"]?.stringValue == "insert" else { return nil }
            return event.document["fullDocument"]?.documentValue?["integration_id"]?.stringValue
        }
        purpose = "a delivery stored by any replica is acted on within seconds"
        self.maxAwait = maxAwait
        self.clock = clock
        self.logger = logger
        edited = stored
    }

    /// Watches until cancelled. `opened` is called once, when the stream is open (an edit made after it is
    /// seen) or when it cannot be: the first runs wait for it, so no edit falls between a run and the stream.
    func run(resumingAfter saved: BSONDocument? = nil, opened: @escaping @Sendable () -> Void) async -> Ending {
        var token = saved
        var failures = 0
        var announced = false
        defer { if !announced { opened() } }
        while !Task.isCancelled {
            let options = MongoChangeStreamOptions(
                fullDocument: "updateLookup", resumeAfter: token, maxAwaitTime: maxAwait)
            do {
                var iterator = collection.watch(options: options).makeAsyncIterator()
                try await iterator.open()
                if !announced {
                    announced = true
                    logger.info("watching \(collection.name): \(purpose)")
                    opened()
                }
                while let event = try await iterator.next() {
                    failures = 0
                    token = event.resumeToken
                    edited(key(event))
                }
                return .cancelled
            } catch let error as MongoError where error.code == .changeStreamsUnsupported {
                logger.notice("change streams unsupported (standalone server); syncing on the interval only")
                return .unsupported
            } catch let error as MongoError where token != nil && Self.tokenRejected(error) {
                logger.warning(
                    "the change stream's position cannot be resumed; watching afresh and syncing now",
                    metadata: ["error": "\(error)"])
                token = nil
                edited(nil)
            } catch {
                failures += 1
                if failures >= 2, token != nil {
                    // Broken twice from the same position: it may be the position itself; start afresh (a sync
                    // covers what happened in between).
                    token = nil
                    edited(nil)
                }
                let delay = Duration.seconds(min(30, 1 << min(failures - 1, 5)))
                logger.warning(
                    "change stream on \(collection.name) broke; the interval syncs meanwhile",
                    metadata: ["error": "\(error)", "reopening_in": "\(delay)"])
                do { try await clock.sleep(for: delay) } catch { return .cancelled }
            }
        }
        return .cancelled
    }

    /// The server refuses to resume from the token: it left the oplog (286), or it is not a token it can read
    /// (9 FailedToParse, 260 InvalidResumeToken, 280 ChangeStreamFatalError).
    static func tokenRejected(_ error: MongoError) -> Bool {
        error.code == .resumeTokenTooOld || [9, 260, 280].contains(error.serverCode ?? 0)
    }

    /// The board project of the changed item; nil when the event carries no document (a delete).
    static func project(of event: MongoChangeEvent) -> String? {
        event.document["fullDocument"]?.documentValue?["project_id"]?.stringValue
    }
}
