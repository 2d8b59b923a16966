import Foundation
import Logging
import MongoDriver

/// Takes an integration's lease for one run, renews it from a task of its own while the run goes on,
/// and gives it back at the end (docs/architecture.md, "One writer per integration").
public struct LeaseKeeper: Sendable {
    public var store: LeaseStore
    public var settings: LeaseSettings
    /// Who this process is, as `status` shows it: host, process id, command.
    public var holder: String
    /// A new fencing token per acquisition (random; tests may inject their own).
    public var makeToken: @Sendable () -> String
    /// What renewals, the time left and the waits for a held lease are measured on. Expiry itself is judged
    /// on the server's clock.
    public var clock: InjectedClock
    public var logger: Logger

    public init(
        database: MongoDatabase, settings: LeaseSettings, holder: String,
        clock: any Clock<Duration> = ContinuousClock(),
        makeToken: @escaping @Sendable () -> String = { LeaseToken.random() }, logger: Logger
    ) {
        store = LeaseStore(database: database)
        self.settings = settings
        self.holder = holder
        self.clock = InjectedClock(clock)
        self.makeToken = makeToken
        self.logger = logger
    }

    /// `host pid N (command)`.
    public static func holderName(command: String) -> String {
        "\(ProcessInfo.processInfo.hostName) pid \(ProcessInfo.processInfo.processIdentifier) (\(command))"
    }

    /// Takes the lease (waiting for it when `wait`), runs `body` while a child task renews it, then releases
    /// it, whether `body` returns or throws.
    ///
    /// - Parameter runStarted: the run's `board.sync.run.started` event, recorded with the acquisition.
    /// - Throws: ``LeaseUnavailable`` when another worker holds it and `wait` is false.
    public func withLease<T: Sendable>(
        _ integrationId: String, wait: Bool, token: String? = nil, runId: String? = nil,
        runStarted: BSONDocument? = nil, _ body: @Sendable (LeaseHandle) async throws -> T
    ) async throws -> T {
        let handle = try await acquire(
            integrationId, wait: wait, token: token ?? makeToken(), runId: runId, runStarted: runStarted)
        let result: Result<T, any Error>
        do {
            result = .success(
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { await handle.keepRenewed() }
                    defer { group.cancelAll() }
                    return try await body(handle)
                })
        } catch {
            result = .failure(error)
        }
        do {
            try await store.release(integrationId: integrationId, token: handle.token)
        } catch {
            logger.warning(
                "lease not released; it expires by itself",
                metadata: ["integration": "\(integrationId)", "error": "\(error)"])
        }
        return try result.get()
    }

    /// `token` is this acquisition's fencing token, the same on every try while waiting.
    func acquire(_ integrationId: String, wait: Bool, token: String, runId: String?, runStarted: BSONDocument?)
        async throws -> LeaseHandle
    {
        var announced = false
        while true {
            let sentAt = clock.now()
            switch try await store.acquire(
                integrationId: integrationId, token: token, holder: holder, runId: runId,
                duration: settings.duration, runStarted: runStarted)
            {
            case .acquired:
                return LeaseHandle(
                    integrationId: integrationId, token: token, holder: holder, settings: settings, store: store,
                    clock: clock, sentAt: sentAt, logger: logger)
            case .held(let current):
                guard wait else { throw LeaseUnavailable(integrationId: integrationId, current: current) }
                if !announced {
                    logger.notice(
                        "waiting for the lease",
                        metadata: ["integration": "\(integrationId)", "holder": "\(current?.holder ?? "?")"])
                    announced = true
                }
                try await clock.sleep(for: settings.pollEvery)
            }
        }
    }
}
