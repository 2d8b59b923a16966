import Configuration
import Foundation
import SystemPackage

/// Where BoardSync finds MongoDB, its cache and the integration to serve: flags win over environment
/// variables (`BOARDSYNC_MONGODB_URI`, `BOARDSYNC_DATABASE`, `BOARDSYNC_CACHE_PATH`, `BOARDSYNC_INTEGRATION`,
/// ...), which win over the configuration file (`--config FILE`, JSON; `config/boardsync.example.json`
/// documents every key), which wins over the defaults. Plane's URL, key, projects, mapping, scope and
/// policy are not here: they come from the `integrations` document.
public struct BoardSyncSettings: Sendable, Equatable {
    public var mongodbURI: String
    public var database: String
    /// The SQLite cache file (`cache.path`): by default `$XDG_CACHE_HOME/boardsync/cache.sqlite`, or
    /// `~/.cache/boardsync/cache.sqlite` without `XDG_CACHE_HOME`.
    public var cachePath: String
    /// How long Plane's metadata (projects, states, labels, members) is used from the cache before it is
    /// read again (`cache.metadata.ttl.seconds`, default 600); evidence of staleness reads it sooner.
    public var metadataTTL: Duration
    /// Serve only this integration; `nil` serves every enabled one.
    public var integration: String?
    public var logFormat: BoardSyncLogHandler.Format
    public var eventsRetentionDays: Int
    public var approvalsRetentionDays: Int
    /// The integration lease (`lease.duration.seconds`, default 60; `lease.renew.seconds`, default a third).
    public var lease: LeaseSettings

    /// Values given as command-line flags; `nil` leaves the setting to the environment, the file or the default.
    public struct Overrides: Sendable, Equatable {
        public var mongodbURI: String?
        public var database: String?
        public var cachePath: String?
        public var integration: String?
        public var logFormat: BoardSyncLogHandler.Format?
        public var leaseDuration: Duration?
        public var leaseRenew: Duration?

        public init(
            mongodbURI: String? = nil, database: String? = nil, cachePath: String? = nil, integration: String? = nil,
            logFormat: BoardSyncLogHandler.Format? = nil, leaseDuration: Duration? = nil, leaseRenew: Duration? = nil
        ) {
            self.leaseDuration = leaseDuration
            self.leaseRenew = leaseRenew
            self.mongodbURI = mongodbURI
            self.database = database
            self.cachePath = cachePath
            self.integration = integration
            self.logFormat = logFormat
        }
    }

    public static let defaultURI = "mongodb://127.0.0.1:27017/?serverSelectionTimeoutMS=5000"

    /// Resolves the settings.
    ///
    /// - Throws: ``SettingsError`` naming the file or the setting that is wrong.
    public static func load(
        configFile: String?, overrides: Overrides = Overrides(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws(SettingsError) -> BoardSyncSettings {
        var providers: [any ConfigProvider] = [
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: ["boardsync"])
        ]
        if let configFile {
            guard FileManager.default.fileExists(atPath: configFile) else {
                throw SettingsError(setting: "--config", reason: "the file \(configFile) does not exist")
            }
            do {
                providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(configFile)))
            } catch {
                throw SettingsError(
                    setting: "--config", reason: "\(configFile) is not a valid JSON configuration: \(error)")
            }
        }
        let reader = ConfigReader(providers: providers)
        // A flag wins over the file and the environment, which are then not read (nor checked).
        let leaseSeconds =
            overrides.leaseDuration == nil ? reader.double(forKey: "lease.duration.seconds", default: 60) : 60
        let renewSeconds = overrides.leaseRenew == nil ? reader.double(forKey: "lease.renew.seconds") : nil
        let ttlSeconds = reader.double(forKey: "cache.metadata.ttl.seconds", default: 600)
        guard ttlSeconds.isFinite, ttlSeconds >= 0 else {
            throw SettingsError(setting: "cache.metadata.ttl.seconds", reason: "must be a number of seconds, 0 or more")
        }
        guard leaseSeconds.isFinite, leaseSeconds > 0, renewSeconds.map({ $0.isFinite && $0 > 0 }) ?? true else {
            throw SettingsError(setting: "lease", reason: "durations must be positive numbers of seconds")
        }
        // `??` would take a throwing autoclosure, which loses the typed throw.
        let logFormat: BoardSyncLogHandler.Format
        if let chosen = overrides.logFormat {
            logFormat = chosen
        } else {
            logFormat = try Self.logFormat(reader.string(forKey: "log.format", default: "human"))
        }
        let settings = BoardSyncSettings(
            mongodbURI: overrides.mongodbURI
                ?? reader.string(forKey: "mongodb.uri", isSecret: true, default: defaultURI),
            database: overrides.database ?? reader.string(forKey: "database", default: "nexus"),
            cachePath: overrides.cachePath
                ?? reader.string(forKey: "cache.path", default: defaultCachePath(environment: environment)),
            metadataTTL: .seconds(ttlSeconds),
            integration: overrides.integration ?? reader.string(forKey: "integration"),
            logFormat: logFormat,
            eventsRetentionDays: reader.int(forKey: "retention.events.days", default: 30),
            approvalsRetentionDays: reader.int(forKey: "retention.approvals.days", default: 90),
            lease: LeaseSettings(
                duration: overrides.leaseDuration ?? .seconds(leaseSeconds),
                renewEvery: overrides.leaseRenew ?? renewSeconds.map { .seconds($0) })
        )
        try settings.validate()
        return settings
    }

    /// `$XDG_CACHE_HOME/boardsync/cache.sqlite` (an absolute `XDG_CACHE_HOME`, as the XDG spec wants), else
    /// `$HOME/.cache/boardsync/cache.sqlite`, else the home directory the user database names.
    public static func defaultCachePath(environment: [String: String]) -> String {
        let folder: URL
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            folder = URL(fileURLWithPath: xdg)
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            folder = URL(fileURLWithPath: home).appendingPathComponent(".cache")
        } else {
            folder = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        }
        return folder.appendingPathComponent("boardsync/cache.sqlite").path
    }

    private static func logFormat(_ text: String) throws(SettingsError) -> BoardSyncLogHandler.Format {
        guard let format = BoardSyncLogHandler.Format(rawValue: text) else {
            throw SettingsError(setting: "log.format", reason: "must be human or json, not \(text)")
        }
        return format
    }

    func validate() throws(SettingsError) {
        guard !database.isEmpty else { throw SettingsError(setting: "database", reason: "is empty") }
        guard eventsRetentionDays > 0, approvalsRetentionDays > 0 else {
            throw SettingsError(setting: "retention", reason: "must be at least one day")
        }
        try lease.validate()
    }
}

/// A setting that is missing or wrong; exit code 2.
public struct SettingsError: Error, Sendable, CustomStringConvertible {
    public var setting: String
    public var reason: String

    public var description: String { "configuration: \(setting) \(reason)" }
}
