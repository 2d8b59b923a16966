import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneAPI
import SyncCore
import Testing

@testable import BoardSync

/// The examples in `config/` are what operators copy: they must load, validate and agree with each other.
@Suite struct DeploymentExampleTests {
    static let config = BuiltExecutable.packageRoot().appendingPathComponent("config")

    static func text(_ path: String) throws -> String {
        try String(contentsOf: config.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func theExampleSettingsFileLoads() async throws {
        let settings = try await BoardSyncSettings.load(
            configFile: Self.config.appendingPathComponent("boardsync.example.json").path, environment: [:])
        #expect(settings.database == "nexus")
        #expect(settings.cachePath == "/var/lib/boardsync/cache.sqlite")
        #expect(settings.integration == "plane-acme")
        #expect(settings.logFormat == .json)
        #expect(settings.eventsRetentionDays == 30 && settings.approvalsRetentionDays == 90)
        #expect(settings.mongodbURI.contains("replicaSet=rs0"))
        // The environment still wins over the file.
        let overridden = try await BoardSyncSettings.load(
            configFile: Self.config.appendingPathComponent("boardsync.example.json").path,
            environment: ["BOARDSYNC_DATABASE": "other", "BOARDSYNC_LOG_FORMAT": "human"])
        #expect(overridden.database == "other" && overridden.logFormat == .human)
    }

    @Test func theExampleIntegrationDocumentValidatesAndReadsItsKeyFromTheSecretVolume() throws {
        let document = try BSONDocument(extendedJSON: try Self.text("integration.example.json"))
        let integration = try IntegrationLoader.validate(document)
        guard case .file(let path) = integration.credentialSource else {
            Issue.record("expected api_key_file, got \(integration.credentialSource)")
            return
        }
        #expect(path == "/run/secrets/boardsync/plane-api-key")
        #expect(integration.projects.count == 2)
        #expect(integration.configuration.scope.excludeStatuses == ["cancelled"])
        #expect(integration.rateLimit == PlaneRateLimit(requests: 60, period: .seconds(60)))
        // The Kubernetes examples mount the Secret where the document looks for it.
        for manifest in ["cronjob.yaml", "deployment.yaml"] {
            let yaml = try Self.text("kubernetes/\(manifest)")
            #expect(yaml.contains("mountPath: /run/secrets/boardsync"), "\(manifest)")
            #expect(yaml.contains("secretName: boardsync-plane"), "\(manifest)")
            #expect(yaml.contains("name: PLANE_API_KEY"), "\(manifest)")
            #expect(yaml.contains("secretKeyRef: { name: boardsync-mongodb, key: uri }"), "\(manifest)")
        }
    }

    @Test func theCronJobRunsSyncOneAtATimeAndIgnoresAHeldLease() throws {
        let yaml = try Self.text("kubernetes/cronjob.yaml")
        #expect(yaml.contains("kind: CronJob"))
        #expect(yaml.contains("args: [\"sync\""))
        #expect(yaml.contains("concurrencyPolicy: Forbid"))
        #expect(yaml.contains("onExitCodes: { operator: In, values: [75] }"))
        #expect(yaml.contains("restartPolicy: Never"))
        #expect(yaml.contains("checkpoint"))
        // Room for a safe stop after SIGTERM (the request in flight, at most its 30 s timeout) before SIGKILL.
        let grace = yaml.firstMatch(of: /terminationGracePeriodSeconds: (\d+)/).flatMap { Int($0.output.1) }
        #expect((grace ?? 0) >= 45, "terminationGracePeriodSeconds \(grace.map(String.init) ?? "missing")")
    }

    @Test func theDeploymentRunsTheDaemonWithProbesOnItsMetricsPort() throws {
        let yaml = try Self.text("kubernetes/deployment.yaml")
        #expect(yaml.contains("kind: Deployment"))
        #expect(yaml.contains("args: [\"run\""))
        #expect(yaml.contains("\"--metrics-port\", \"9090\""))
        #expect(yaml.contains("containerPort: 9090"))
        #expect(yaml.contains("httpGet: { path: /healthz, port: metrics }"))
        #expect(yaml.contains("httpGet: { path: /readyz, port: metrics }"))
        #expect(yaml.contains("prometheus.io/port: \"9090\""))
    }

    @Test func noExampleHoldsAPlaneKey() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.config.path).filter {
            $0.hasSuffix(".json") || $0.hasSuffix(".yaml")
        }
        #expect(files.count >= 5)
        for file in files {
            #expect(!(try Self.text(file)).contains("plane_api_"), "\(file)")
        }
    }
}
