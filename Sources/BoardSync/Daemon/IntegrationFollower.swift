import Logging
import MongoDriver
import ServiceLifecycle

/// Keeps the daemon's view of the `integrations` collection current. Every read goes through the one
/// loader the runs and `check` use (``IntegrationLoader/served(only:)``: the same validation, the same
/// refusal of a document sharing another's `external_source`), and is made at start, within moments of a
/// change the change stream shows (any but a run's own write of `sync_state`), and every
/// ``DaemonSchedule/integrationsPoll`` in any case: the only way on a standalone server, and a safety net
/// for what a stream does not show (which document came first can change with `board_links`).
struct IntegrationFollower: Sendable {
    let database: MongoDatabase
    /// `--integration`: follow only this one, enabled or not.
    let only: String?
    let schedule: DaemonSchedule
    let clock: InjectedClock
    let logger: Logger

    /// Reads the integrations until cancelled or shut down, handing each read to `deliver`, one at a time
    /// and in order.
    func follow(_ deliver: @escaping @Sendable (Result<IntegrationLoader.Served, any Error>) async -> Void) async {
        // One element at most waits: requests that come during a read make one read after it.
        let (requests, request) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        await withDiscardingTaskGroup { group in
            group.addTask { [clock, schedule] in
                while true {
                    do { try await clock.sleep(for: schedule.integrationsPoll) } catch { return }
                    request.yield()
                }
            }
            if schedule.watch { group.addTask { await watch(request) } }
            request.yield()
            let loader = IntegrationLoader(database: database)
            for await _ in requests.cancelOnGracefulShutdown() {
                do {
                    await deliver(.success(try await loader.served(only: only)))
                } catch {
                    await deliver(.failure(error))
                }
            }
            group.cancelAll()
        }
    }

    private func watch(_ request: AsyncStream<Void>.Continuation) async {
        let collection = database.collection(CollectionNames.integrations)
        var token: BSONDocument?
        var failures = 0
        while !Task.isCancelled {
            do {
                let options = MongoChangeStreamOptions(resumeAfter: token, maxAwaitTime: schedule.maxAwait)
                var iterator = collection.watch(options: options).makeAsyncIterator()
                try await iterator.open()
                // A change made before the stream opened is read too.
                request.yield()
                while let event = try await iterator.next() {
                    failures = 0
                    token = event.resumeToken
                    if Self.mayChangeWhatIsServed(event) { request.yield() }
                }
                return
            } catch let error as MongoError where error.code == .changeStreamsUnsupported {
                let every = DurationText.format(schedule.integrationsPoll)
                logger.notice("change streams unsupported (standalone server); integrations are read every \(every)")
                return
            } catch {
                failures += 1
                // Read afresh rather than resume from a position that may be the problem; the next read
                // covers what happened in between.
                token = nil
                let delay = Duration.seconds(min(30, 1 << min(failures - 1, 5)))
                let every = DurationText.format(schedule.integrationsPoll)
                logger.warning(
                    "change stream on integrations broke; reading them every \(every) meanwhile",
                    metadata: ["error": "\(error)", "reopening_in": "\(delay)"])
                do { try await clock.sleep(for: delay) } catch { return }
            }
        }
    }

    /// Anything but an update of `sync_state` alone: every run writes its checkpoint there.
    static func mayChangeWhatIsServed(_ event: MongoChangeEvent) -> Bool {
        guard event.document["operationType"]?.stringValue == "update",
            let description = event.document["updateDescription"]?.documentValue
        else { return true }
        let updated = description["updatedFields"]?.documentValue?.keys ?? []
        let removed = description["removedFields"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let fields = updated + removed
        return fields.isEmpty || !fields.allSatisfy { $0 == "sync_state" || $0.hasPrefix("sync_state.") }
    }
}
