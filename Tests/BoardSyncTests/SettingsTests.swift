import BoardSync
import Foundation
import Testing

@Suite struct SettingsTests {
    @Test func defaultsApplyWhenNothingIsGiven() async throws {
        let settings = try await BoardSyncSettings.load(configFile: nil, environment: [:])
        #expect(settings.database == "nexus")
        #expect(settings.mongodbURI == BoardSyncSettings.defaultURI)
        #expect(settings.integration == nil)
        #expect(settings.eventsRetentionDays == 30)
    }

    @Test func flagsBeatEnvironmentWhichBeatsTheFile() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("boardsync-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let json = """
            {"mongodb": {"uri": "mongodb://file/"}, "database": "from_file", "cache": {"path": "/file/cache.sqlite"},
             "integration": "file-integration", "retention": {"events": {"days": 7}}}
            """
        try Data(json.utf8).write(to: file)
        let environment = ["BOARDSYNC_DATABASE": "from_env", "BOARDSYNC_CACHE_PATH": "/env/cache.sqlite"]
        let settings = try await BoardSyncSettings.load(
            configFile: file.path, overrides: .init(cachePath: "/flag/cache.sqlite"), environment: environment)
        #expect(settings.mongodbURI == "mongodb://file/")
        #expect(settings.database == "from_env")
        #expect(settings.cachePath == "/flag/cache.sqlite")
        #expect(settings.integration == "file-integration")
        #expect(settings.eventsRetentionDays == 7)
        #expect(settings.approvalsRetentionDays == 90)
    }

    @Test func theExampleConfigurationLoads() async throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/boardsync.example.json")
        let settings = try await BoardSyncSettings.load(configFile: example.path, environment: [:])
        #expect(settings.integration == "plane-acme")
        #expect(settings.logFormat == .json)
        #expect(settings.lease.duration == .seconds(60) && settings.lease.renewEvery == .seconds(20))
    }

    @Test func leaseLengthsComeFromFlagsOrTheEnvironment() async throws {
        let fromEnvironment = try await BoardSyncSettings.load(
            configFile: nil,
            environment: ["BOARDSYNC_LEASE_DURATION_SECONDS": "3", "BOARDSYNC_LEASE_RENEW_SECONDS": "0.5"])
        #expect(fromEnvironment.lease.duration == .seconds(3) && fromEnvironment.lease.renewEvery == .milliseconds(500))
        let fromFlags = try await BoardSyncSettings.load(
            configFile: nil, overrides: BoardSyncSettings.Overrides(leaseDuration: .seconds(2)),
            environment: ["BOARDSYNC_LEASE_DURATION_SECONDS": "3"])
        #expect(fromFlags.lease.duration == .seconds(2) && fromFlags.lease.renewEvery < .seconds(1))
        await #expect(throws: SettingsError.self) {
            _ = try await BoardSyncSettings.load(
                configFile: nil, environment: ["BOARDSYNC_LEASE_DURATION_SECONDS": "-1"])
        }
    }

    @Test func aMissingFileOrABadValueNamesIt() async throws {
        await #expect {
            _ = try await BoardSyncSettings.load(configFile: "/nonexistent/boardsync.json", environment: [:])
        } throws: { error in
            (error as? SettingsError)?.description.contains("/nonexistent/boardsync.json does not exist") == true
        }
        await #expect {
            _ = try await BoardSyncSettings.load(configFile: nil, environment: ["BOARDSYNC_LOG_FORMAT": "xml"])
        } throws: { error in
            (error as? SettingsError)?.description == "configuration: log.format must be human or json, not xml"
        }
    }
}
