import BoardSyncTestSupport
import Foundation
import InMemoryLogging
import Logging
import MongoDriver
import PlaneAPI
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// Secrets stay secret (issue 7, item 5). The simulator's admin token is covered by
/// AdminAPITests.refusesRequestsWithoutTheToken and disabledWithoutAConfiguredToken.
@Suite struct SecretLeakTests {
    /// The MongoDB URI of the test server with a user and password of the test's own database.
    static func uriWithPassword(_ database: MongoDatabase, user: String, password: String) throws -> String {
        let plain = try TestServer.uri()
        let rest = plain.dropFirst("mongodb://".count)
        let separator = rest.contains("?") ? "&" : "/?"
        let hostAndQuery = rest.contains("/") ? String(rest) : rest + "/"
        return "mongodb://\(user):\(password)@\(hostAndQuery)\(separator)authSource=\(database.name)"
            .replacingOccurrences(of: "/?&", with: "/?")
    }

    static func boardsync(_ arguments: [String], uri: String, database: String) async throws -> ChildProcess.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["BOARDSYNC_MONGODB_URI"] = uri
        environment["BOARDSYNC_DATABASE"] = database
        return try await ChildProcess.run(
            try BuiltExecutable.url(named: "boardsync"), arguments: arguments, environment: environment)
    }

    /// Everything a person or a log collector could see of several runs with faults and bad input — logs,
    /// errors, events, approvals, reports, `--json` output — holds neither the API key nor the password.
    @Test func neitherTheAPIKeyNorTheMongoDBPasswordAppearsAnywhere() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let password = "Pw-" + UUID().uuidString
            let user = "boardsync_\(UUID().uuidString.prefix(8).lowercased())"
            _ = try await database.runCommand([
                "createUser": .string(user), "pwd": .string(password), "roles": ["readWrite"],
            ])
            let uri = try Self.uriWithPassword(database, user: user, password: password)
            let key = PlaneFixtures.botAPIKey
            let wrongKey = "plane_api_" + String(repeating: "7", count: 32)
            let wrongPassword = "Wrong-" + UUID().uuidString
            var seen: [String: String] = [:]

            try await database.collection(CollectionNames.boardItems).insertMany(
                BadBoardInput.all.filter { !$0.heavy }.prefix(12).flatMap(\.documents))
            await simulator.injectFault(
                FaultRule(pathPrefix: "/api/v1/", action: .status(503, body: nil), selection: .fraction(0.15)))
            await simulator.injectFault(
                FaultRule(method: "POST", pathPrefix: "/api/v1/", action: .applyThenDrop, selection: .fraction(0.1)))
            await simulator.injectFault(
                FaultRule(pathPrefix: "/api/v1/", action: .dropConnection, selection: .fraction(0.03)))

            // The engine in process, its log kept in memory.
            let logs = InMemoryLogHandler()
            let logger = Logger(label: "boardsync", factory: { _ in logs })
            let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
            var options = SyncEngine.Options(mode: .incremental, requestTimeout: .seconds(5))
            options.retry = PlaneRetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10), maxDelay: .milliseconds(20))
            do {
                let report = try await SyncEngine(database: database, logger: logger).run(integration, options: options)
                seen["in-process summary"] = "\(report.summary) \(report.plan.actions.map(\.message))"
            } catch {
                seen["in-process error"] = "\(error)"
            }

            // The executable, as cron runs it, through a password-protected connection.
            for (name, arguments) in [
                ("sync --json", ["sync", "--json"]), ("sync --log-format json", ["sync", "--log-format", "json"]),
            ] {
                let result = try await Self.boardsync(arguments, uri: uri, database: database.name)
                seen[name] = result.output + result.errors
            }
            await simulator.clearFaults()
            _ = try await Self.boardsync(["sync"], uri: uri, database: database.name)
            let synced = try await database.collection(CollectionNames.boardLinks).findOne(["state": "synced"])
            let planeId = try #require(synced?["plane_item_id"]?.stringValue, "the runs mirrored something")
            try await simulator.editItemAsPerson(
                planeId, actorEmail: SyncWorld.alice, changes: ["name": "Renamed by hand"])
            let page = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).html")
            defer { try? FileManager.default.removeItem(at: page) }
            for (name, arguments) in [
                ("conflict run", ["sync", "--json"]), ("status --json", ["status", "--json"]), ("status", ["status"]),
                ("conflicts list --json", ["conflicts", "list", "--json"]),
                ("conflicts list --markdown", ["conflicts", "list", "--markdown"]),
                ("conflicts list --html", ["conflicts", "list", "--html", page.path]),
                ("resync --dry-run --json", ["resync", "--dry-run", "--json"]),
            ] {
                let result = try await Self.boardsync(arguments, uri: uri, database: database.name)
                seen[name] = result.output + result.errors
            }
            seen["conflict report page"] = try String(contentsOf: page, encoding: .utf8)
            #expect(seen["conflict report page"]?.contains(planeId) == true, "the report was written")

            // Errors: a wrong password, and a key Plane does not know.
            let badURI = uri.replacingOccurrences(of: password, with: wrongPassword)
            let refused = try await Self.boardsync(["sync", "--json"], uri: badURI, database: database.name)
            #expect(refused.status == 1, "\(refused.errors)")
            seen["wrong password"] = refused.output + refused.errors
            try await SyncWorld.setIntegration(database, ["credentials": ["api_key": .string(wrongKey)]])
            let unknownKey = try await Self.boardsync(["sync", "--json"], uri: uri, database: database.name)
            #expect(unknownKey.status == 2, "\(unknownKey.errors)")
            seen["wrong key"] = unknownKey.output + unknownKey.errors

            // What the runs left in MongoDB for people and tools to read (the integrations document is
            // where the key is kept, so it is not searched).
            for collection in [CollectionNames.events, CollectionNames.approvals, CollectionNames.boardLinks] {
                var text = ""
                for try await document in database.collection(collection).find() {
                    text += document.relaxedExtendedJSON + "\n"
                }
                seen["collection \(collection)"] = text
            }
            seen["in-memory log"] = logs.entries.map { "\($0)" }.joined(separator: "\n")

            #expect(seen["collection \(CollectionNames.events)"]?.isEmpty == false)
            #expect(seen["collection \(CollectionNames.approvals)"]?.isEmpty == false)
            let secrets = [
                "API key": key, "API key digits": String(key.dropFirst("plane_api_".count)), "wrong key": wrongKey,
                "password": password, "wrong password": wrongPassword,
            ]
            for (place, text) in seen.sorted(by: { $0.key < $1.key }) {
                for (secret, value) in secrets {
                    #expect(!text.contains(value), "the \(secret) appears in \(place)")
                }
            }
            _ = try? await database.runCommand(["dropUser": .string(user)])
            print("secrets: searched \(seen.count) outputs (\(seen.values.map(\.count).reduce(0, +)) characters)")
        }
    }

    /// No address is ever shown with its user information (issue 12, case 7): a `base_url` holding a proxy's
    /// `user:password@` was printed by `check` and `explain` (human and `--json`) and stored in reports'
    /// Plane links; a MongoDB URI whose password holds an unencoded `@` printed its tail ("Failed to resolve
    /// …"). Every output, report and event is searched for the user, the password and any tail of them.
    @Test func noAddressIsShownWithItsUserInformation() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let user = "proxyuser\(UUID().uuidString.prefix(6).lowercased())"
            let password = "Px\(UUID().uuidString.prefix(8))"
            var address = try #require(URLComponents(url: simulator.baseURL, resolvingAgainstBaseURL: false))
            address.user = user
            address.password = password
            let baseURL = try #require(address.url?.absoluteString)
            try await SyncWorld.setIntegration(database, ["base_url": .string(baseURL)])
            let uri = try TestServer.uri()
            var seen: [String: String] = [:]

            _ = try await Self.boardsync(["sync"], uri: uri, database: database.name)
            let item = SyncWorld.hex("04")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: item)["id"]?.stringValue)
            try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
            let page = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).html")
            defer { try? FileManager.default.removeItem(at: page) }
            for arguments in [
                ["sync", "--json"], ["check"], ["check", "--json"], ["explain", item], ["explain", item, "--json"],
                ["status"], ["status", "--json"], ["conflicts", "list", "--json"], ["conflicts", "list", "--markdown"],
                ["conflicts", "list", "--html", page.path], ["resync", "--dry-run", "--json"],
                ["sync", "--log-format", "json"],
            ] {
                let result = try await Self.boardsync(arguments, uri: uri, database: database.name)
                seen[arguments.joined(separator: " ")] = result.output + result.errors
            }
            #expect(seen["explain \(item)"]?.contains("Plane URL: \(simulator.baseURL.absoluteString)/acme/") == true)
            #expect(seen["check"]?.contains("accepted by Plane at \(simulator.baseURL.absoluteString)") == true)
            seen["report page"] = try String(contentsOf: page, encoding: .utf8)
            for collection in [CollectionNames.events, CollectionNames.approvals, CollectionNames.boardLinks] {
                var text = ""
                for try await document in database.collection(collection).find() {
                    text += document.relaxedExtendedJSON + "\n"
                }
                seen["collection \(collection)"] = text
            }

            // A MongoDB password with an unencoded @, / or ?: refused without showing any part of it.
            let plain = uri.dropFirst("mongodb://".count)
            for separator in ["@", "/", "?"] {
                let bad = "mongodb://boardsync:Tq9\(separator)Wz4Kv@\(plain)"
                for arguments in [["sync", "--json"], ["check", "--json"], ["status"]] {
                    let result = try await Self.boardsync(arguments, uri: bad, database: database.name)
                    #expect(result.status != 0)
                    seen["URI with \(separator): \(arguments.joined(separator: " "))"] = result.output + result.errors
                }
            }

            for (place, text) in seen.sorted(by: { $0.key < $1.key }) {
                for secret in [user, password, "\(user):", "Tq9", "Wz4Kv"] {
                    #expect(!text.contains(secret), "\(secret) appears in \(place)")
                }
            }
        }
    }

    /// What leaves BoardSync is already sanitised: the POST body itself holds no script, no `javascript:`
    /// URL and no event handler, before Plane's own rewrite could hide them.
    @Test func descriptionsAreSanitisedBeforeTheyAreSent() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            let hostile = try #require(BadBoardInput.all.first { $0.kind.contains("<script>") })
            try await database.collection(CollectionNames.boardItems).insertMany(hostile.documents)
            let transport = RecordingTransport()
            var options = SyncWorld.options()
            options.transport = transport
            _ = try await SyncWorld.run(database, options)
            let posts = transport.requests.filter { $0.method == "POST" }.compactMap(\.body)
                .map { String(decoding: $0, as: UTF8.self) }
            let fixtureHostile = posts.filter { $0.contains("Markdown with raw HTML") }
            let ours = posts.filter { $0.contains(hostile.id) }
            #expect(ours.count == 1 && fixtureHostile.count == 1)
            for body in ours + fixtureHostile {
                let lowered = body.lowercased()
                for dangerous in ["<script", "javascript:", "onclick", "onerror", "<iframe"] {
                    #expect(!lowered.contains(dangerous), "\(dangerous) sent: \(body.prefix(300))")
                }
            }
        }
    }

    /// TLS certificates and host names are always verified: no source turns verification off, for Plane
    /// (URLSession) or MongoDB (libmongoc URI options).
    @Test func noCodeTurnsTLSVerificationOff() throws {
        let sources = BuiltExecutable.packageRoot().appendingPathComponent("Sources")
        let forbidden = [
            "tlsAllowInvalidCertificates", "tlsAllowInvalidHostnames", "tlsInsecure", "sslAllowInvalid",
            "tlsDisableOCSP", "tlsDisableCertificateRevocationCheck", "serverTrust", "URLAuthenticationChallenge",
            "useCredential", "performDefaultHandling", "MONGOC_URI_TLSALLOWINVALID", "weak_cert_validation",
            "CURLOPT_SSL_VERIFY",
        ]
        var files = 0
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard ["swift", "h", "c"].contains(url.pathExtension) else { continue }
            files += 1
            let text = try String(contentsOf: url, encoding: .utf8)
            for word in forbidden {
                #expect(!text.contains(word), "\(url.lastPathComponent) mentions \(word)")
            }
        }
        #expect(files > 100, "the sources were found")
    }
}
