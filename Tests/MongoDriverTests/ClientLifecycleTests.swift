import BoardSyncTestSupport
import CMongoC
import Foundation
import Logging
import Synchronization
import Testing

@testable import MongoDriver

@Suite struct ClientLifecycleTests {
    @Test func unreachableServerFailsFastWithoutShowingThePassword() async throws {
        let port = try closedPort()
        let uri =
            "mongodb://sync-user:s3cr%40tPassw0rd@127.0.0.1:\(port)/?serverSelectionTimeoutMS=300&connectTimeoutMS=300"
        let started = ContinuousClock.now
        let error = try await #require(throws: MongoError.self) {
            try await withMongoClient(MongoClient.Configuration(uri: uri)) { client in
                try await client.database("nexus").runCommand(["ping": 1])
            }
        }
        // Far below libmongoc's default 30 s server selection: the URI's 300 ms was honoured. Not tighter: a loaded
        // machine running the parallel suites stretched it past 3 s.
        #expect(ContinuousClock.now - started < .seconds(15))
        #expect(error.code == .serverUnreachable)
        #expect(error.domain == 15 && error.libraryCode == 13053)
        for text in [error.description, "\(error)", String(reflecting: error.message)] {
            #expect(!text.contains("s3cr"))
            #expect(!text.contains("tPassw0rd"))
        }
        #expect(error.description.contains("Check that MongoDB is running"))
    }

    @Test func aMalformedURIIsAConfigurationErrorWithoutThePassword() throws {
        #expect {
            _ = try MongoClient(MongoClient.Configuration(uri: "mongodb://u:hunter2@host:notaport/"))
        } throws: { error in
            guard let error = error as? MongoError else { return false }
            return error.code == .invalidURI && !error.description.contains("hunter2")
        }
    }

    @Test func closingTheClientEndsCursorsStillOpen() async throws {
        let client = try MongoClient(MongoClient.Configuration(uri: try TestServer.uri(), maxPoolSize: 2))
        let database = client.database("test_close_\(UUID().uuidString.prefix(6).lowercased())")
        let collection = database.collection("c")
        try await collection.insertMany((0..<50).map { ["n": .int32(Int32($0))] })
        var iterator = collection.find([:], options: MongoFindOptions(batchSize: 5)).makeAsyncIterator()
        _ = try await iterator.next()
        try await database.drop()
        await client.close()
        await #expect {
            for _ in 0..<10 { _ = try await iterator.next() }
        } throws: { ($0 as? MongoError)?.code == .clientClosed }
        await #expect(throws: MongoError.self) { try await collection.findOne() }
    }

    @Test func leavingALoopEarlyReturnsTheConnectionToThePool() async throws {
        try await TestServer.withDatabase(maxPoolSize: 1) { _, database in
            let collection = database.collection("c")
            try await collection.insertMany((0..<20).map { ["n": .int32(Int32($0))] })
            for _ in 0..<5 {
                for try await _ in collection.find([:], options: MongoFindOptions(batchSize: 2)) { break }
            }
            // With one pooled connection, this would wait forever if a cursor had kept it.
            #expect(try await collection.countDocuments() == 20)
        }
    }

    @Test func serverErrorCodesMapToTheirCases() {
        #expect(MongoError.classify(domain: 17, code: 11000, serverCode: 11000) == .duplicateKey)
        #expect(MongoError.classify(domain: 17, code: 40573, serverCode: 40573) == .changeStreamsUnsupported)
        #expect(MongoError.classify(domain: 17, code: 286, serverCode: 286) == .resumeTokenTooOld)
        #expect(MongoError.classify(domain: 15, code: 13053, serverCode: nil) == .serverUnreachable)
        #expect(MongoError.classify(domain: 2, code: 2, serverCode: nil) == .serverUnreachable)
        #expect(MongoError.classify(domain: 17, code: 2, serverCode: 2) == .server)
    }

    @Test func libmongocLogLinesReachSwiftLogRedacted() async throws {
        let recorder = LogRecorder()
        Mongo.logger = Logger(label: "mongoc") { _ in recorder }
        defer { Mongo.logger = Logger(label: "mongoc") }
        Mongo.logger.logLevel = .trace
        Redaction.register(secret: "pa55word-for-log-test")
        boardsync_mongoc_log(MONGOC_LOG_LEVEL_WARNING, "test", "connecting with pa55word-for-log-test")
        #expect(recorder.messages.contains { $0.contains("connecting with ***") })
        #expect(!recorder.messages.contains { $0.contains("pa55word-for-log-test") })
    }

    private func closedPort() throws -> Int {
        // Bind, read the port, close: nothing listens there afterwards.
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Captures log messages for assertions.
final class LogRecorder: LogHandler, @unchecked Sendable {
    private let lines = Mutex<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    var messages: [String] { lines.withLock { $0 } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.withLock { $0.append(event.message.description) }
    }
}
