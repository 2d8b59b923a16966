import Foundation
import MongoDriver
import PlaneAPI

/// `boardsync check`: the pre-flight of an installation, one ``CheckResult`` per thing a run relies on:
/// the configuration, MongoDB and BoardSync's indexes, every integration document, its key (checked with
/// Plane's `users/me`, its storage form named, the key itself never shown), the mapped Plane projects and
/// states, the board's statuses, assignees and `updated_at` types, each integration's webhook (its secret,
/// the receiver's URL, what to tick in Plane), and the cache path.
///
/// A check that cannot go on (no configuration, no MongoDB) ends the report there: what follows depends on it.
public struct PreflightCheck: Sendable {
    public var configFile: String?
    public var overrides: BoardSyncSettings.Overrides
    public var environment: [String: String]
    /// How long one Plane request may take; a check should answer in seconds, not wait out an outage.
    public var requestTimeout: Duration
    /// `--webhook-url`: the public base Plane posts to (else `BOARDSYNC_WEBHOOK_URL` from `environment`).
    public var webhookURL: String?

    public init(
        configFile: String?, overrides: BoardSyncSettings.Overrides = .init(),
        environment: [String: String] = ProcessInfo.processInfo.environment, requestTimeout: Duration = .seconds(10),
        webhookURL: String? = nil
    ) {
        self.configFile = configFile
        self.overrides = overrides
        self.environment = environment
        self.requestTimeout = requestTimeout
        self.webhookURL = webhookURL
    }

    public func run() async -> CheckReport {
        var report = CheckReport()
        let settings: BoardSyncSettings
        do {
            settings = try await BoardSyncSettings.load(
                configFile: configFile, overrides: overrides, environment: environment)
            let source = configFile.map { "\($0) read" } ?? "no --config file; defaults and BOARDSYNC_* variables"
            report.add(CheckResult(.pass, "configuration", "\(source); database \(settings.database)"))
        } catch {
            report.add(
                CheckResult(
                    .fail, "configuration", error.description,
                    remedy: "fix the setting named (see config/boardsync.example.json and the README's reference)"))
            return report
        }
        let publicURL = webhookPublicURL(into: &report)
        do {
            try await withMongoClient(MongoClient.Configuration(uri: settings.mongodbURI)) { client in
                let database = client.database(settings.database)
                _ = try await database.runCommand(["ping": 1])
                report.add(CheckResult(.pass, "MongoDB reachable", "ping answered; database \(settings.database)"))
                try await checkDatabase(database, settings: settings, publicURL: publicURL, into: &report)
            }
        } catch let error as MongoError {
            report.add(
                CheckResult(
                    .fail, "MongoDB reachable", "\(error.description)",
                    remedy: "check --mongodb-uri / BOARDSYNC_MONGODB_URI (host, port, credentials, replicaSet) "
                        + "and that the server is up and reachable from here"))
        } catch {
            report.add(
                CheckResult(.fail, "MongoDB", "\(error)", remedy: "check the server's log; then run check again"))
        }
        report.add(await CacheCheck.result(path: settings.cachePath, ttl: settings.metadataTTL, now: Date()))
        return report
    }

    /// The public base of the webhook receiver, when one is given; a bad one is a ✗ line and no URL.
    private func webhookPublicURL(into report: inout CheckReport) -> WebhookPublicURL? {
        do {
            guard let publicURL = try WebhookPublicURL.resolve(option: webhookURL, environment: environment) else {
                return nil
            }
            report.add(WebhookCheck.publicURLResult(publicURL))
            return publicURL
        } catch {
            report.add(CheckResult(.fail, "webhook URL", error.detail, remedy: error.remedy))
            return nil
        }
    }

    private func checkDatabase(
        _ database: MongoDatabase, settings: BoardSyncSettings, publicURL: WebhookPublicURL?,
        into report: inout CheckReport
    ) async throws {
        report.add(try await Self.indexes(database))
        report.add(try await Self.boardItemsIndex(database))
        report.add(try await BoardCheck(database: database).updatedAtTypes())
        report.add(try await BoardCheck(database: database).clockSkew())
        let documents = try await IntegrationDocuments.load(database, only: settings.integration)
        for result in documents.checks { report.add(result) }
        for integration in documents.valid {
            await IntegrationCheck(
                integration: integration, board: BoardCheck(database: database), environment: environment,
                requestTimeout: requestTimeout
            ).run(into: &report)
            report.add(WebhookCheck.result(integration, publicURL: publicURL, environment: environment))
        }
    }

    /// Every index `migrate` creates, by name.
    static func indexes(_ database: MongoDatabase) async throws -> CheckResult {
        let expected: [(String, [MongoIndexModel])] = [
            (CollectionNames.boardLinks, BoardSyncIndexes.boardLinks),
            (CollectionNames.events, BoardSyncIndexes.events(.init())),
            (CollectionNames.approvals, BoardSyncIndexes.approvals(.init())),
            (CollectionNames.replicas, BoardSyncIndexes.replicas),
        ]
        var missing: [String] = []
        var count = 0
        let collections = Set(try await database.listCollectionNames())
        for (collection, models) in expected {
            count += models.count
            let present =
                collections.contains(collection)
                ? Set(try await database.collection(collection).listIndexes().compactMap { $0["name"]?.stringValue })
                : []
            missing += models.filter { !present.contains($0.name) }.map { "\(collection).\($0.name)" }
        }
        guard missing.isEmpty else {
            return CheckResult(
                .fail, "BoardSync's indexes", "missing: \(missing.joined(separator: ", "))",
                remedy: "run `boardsync migrate` (safe to run again)")
        }
        return CheckResult(
            .pass, "BoardSync's indexes", "all \(count) present (board_links, events, approvals, board_sync_replicas)")
    }

    /// The platform's `(project_id, updated_at)` index: a warning only, it is not BoardSync's.
    static func boardItemsIndex(_ database: MongoDatabase) async throws -> CheckResult {
        let collections = Set(try await database.listCollectionNames())
        var present = false
        if collections.contains(CollectionNames.boardItems) {
            present = try await Migration.hasIndex(
                on: BoardSyncIndexes.boardItems.keys, in: database.collection(CollectionNames.boardItems))
        }
        guard present else {
            return CheckResult(
                .warning, "board_items index", "no index on (project_id, updated_at): every sync scans the collection",
                remedy: "create it in the platform (nexus-db), or run `boardsync migrate --board-items-index`")
        }
        return CheckResult(.pass, "board_items index", "(project_id, updated_at) present")
    }
}
