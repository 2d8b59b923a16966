import Logging
import MongoDriver
import Synchronization

/// Watches `board_items` and pulls the trigger when an item of the integration's board projects changes.
/// Falls back to the interval (returns) on a standalone server (40573); starts afresh, with a sync, when
/// the saved resume token has left the oplog (286); reopens a broken stream with backoff.
final class BoardWatcher: Sendable {
    enum Ending: Sendable, Equatable {
        case cancelled
        case unsupported
    }

    let collection: MongoCollection
    let boardProjects: Set<String>
    let trigger: SyncTrigger
    let maxAwait: Duration
    let logger: Logger
    private let position = Mutex<BSONDocument?>(nil)

    init(
        database: MongoDatabase, boardProjects: Set<String>, trigger: SyncTrigger, maxAwait: Duration,
        logger: Logger
    ) {
        collection = database.collection(CollectionNames.boardItems)
        self.boardProjects = boardProjects
        self.trigger = trigger
        self.maxAwait = maxAwait
        self.logger = logger
    }

    /// The token of the newest event seen, to keep in `sync_state.resume_token`.
    var resumeToken: BSONDocument? { position.withLock { $0 } }

    func run(resumingAfter saved: BSONDocument?) async -> Ending {
        var token = saved
        var failures = 0
        while !Task.isCancelled {
            let options = MongoChangeStreamOptions(
                fullDocument: "updateLookup", resumeAfter: token, maxAwaitTime: maxAwait)
            do {
                var iterator = collection.watch(options: options).makeAsyncIterator()
                while let event = try await iterator.next() {
                    failures = 0
                    token = event.resumeToken
                    position.withLock { $0 = event.resumeToken }
                    if concerns(event) { trigger.signal() }
                }
                return .cancelled
            } catch let error as MongoError where error.code == .changeStreamsUnsupported {
                logger.notice("change streams unsupported (standalone server); syncing on the interval only")
                return .unsupported
            } catch let error as MongoError where token != nil && Self.tokenRejected(error) {
                logger.warning(
                    "the saved change-stream position cannot be resumed; watching afresh and syncing now",
                    metadata: ["error": "\(error)"])
                token = nil
                position.withLock { $0 = nil }
                trigger.signal()
            } catch {
                failures += 1
                if failures >= 2, token != nil {
                    // Broken twice from the same position: it may be the position itself; start afresh (a sync
                    // covers what happened in between).
                    token = nil
                    position.withLock { $0 = nil }
                    trigger.signal()
                }
                let delay = Duration.seconds(min(30, 1 << min(failures - 1, 5)))
                logger.warning(
                    "change stream on board_items broke; the interval syncs meanwhile",
                    metadata: ["error": "\(error)", "reopening_in": "\(delay)"])
                do { try await Task.sleep(for: delay) } catch { return .cancelled }
            }
        }
        return .cancelled
    }

    /// The server refuses to resume from the token: it left the oplog (286), or it is not a token it can read
    /// (9 FailedToParse, 260 InvalidResumeToken, 280 ChangeStreamFatalError).
    static func tokenRejected(_ error: MongoError) -> Bool {
        error.code == .resumeTokenTooOld || [9, 260, 280].contains(error.serverCode ?? 0)
    }

    /// An event about an item of these board projects (a delete carries no document: it counts).
    private func concerns(_ event: MongoChangeEvent) -> Bool {
        guard let document = event.document["fullDocument"]?.documentValue,
            let project = document["project_id"]?.stringValue
        else { return true }
        return boardProjects.contains(project)
    }
}
