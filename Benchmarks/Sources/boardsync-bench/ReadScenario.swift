import BoardSync
import Essentials
import Foundation
import MongoDriver

/// Scenario 5c: the MongoDB read and decode of N board items, BoardSync (MongoDriver's cursor decoding
/// into `BoardItemDocument` from libbson's iterator, next batch prefetched, as `BoardReader` reads the whole board) next to pymongo on the same
/// server, alternating, best of `rounds` each.
enum ReadScenario {
    static func run(items count: Int, mongoURI: String, python: String, script: String, rounds: Int, out: String?)
        async throws
    {
        try await withMongoClient(MongoClient.Configuration(uri: mongoURI)) { client in
            let name = "bench_read_\(UUID().uuidString.prefix(8).lowercased())"
            let database = client.database(name)
            defer { Task { try? await database.drop() } }
            let board = database.collection(CollectionNames.boardItems)
            try await BoardGenerator.insert(count: count, into: board, now: Date())
            var ours: [Double] = []
            var theirs: [Double] = []
            for _ in 0..<rounds {
                ours.append(try await boardSyncRead(board, expected: count))
                theirs.append(try await pymongoRead(python: python, script: script, uri: mongoURI, database: name))
            }
            try? await database.drop()
            let best = ours.min() ?? 0
            let bestPython = theirs.min() ?? 0
            let ratio = bestPython / max(best, 1e-9)
            try ResultRow(
                id: "5c", scenario: "MongoDB read + decode of \(count) board items: BoardSync vs pymongo",
                reads: nil, writes: nil, metadataReads: nil, throttled: nil, seconds: best, peakMiB: nil,
                measured:
                    "BoardSync \(format(best, digits: 2)) s, pymongo \(format(bestPython, digits: 2)) s: "
                    + "ratio \(format(ratio, digits: 2)) (best of \(rounds))",
                goal: "ratio ≥ 1 (pymongo time / BoardSync time)", met: ratio >= 1
            ).append(to: out)
        }
    }

    static func boardSyncRead(_ board: MongoCollection, expected: Int) async throws -> Double {
        let started = ContinuousClock.now
        var decoded = 0
        let options = MongoFindOptions(sort: ["_id": 1], batchSize: 500)
        for try await document in board.find([:], options: options, as: BoardItemDocument.self) {
            _ = try document.get()
            decoded += 1
        }
        let seconds = (ContinuousClock.now - started).inSeconds
        guard decoded == expected else { throw BenchError("BoardSync read \(decoded) of \(expected) board items") }
        return seconds
    }

    static func pymongoRead(python: String, script: String, uri: String, database: String) async throws -> Double {
        let output = try await ChildRun.run(python, [script, uri, database])
        guard let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any],
            let seconds = object["seconds"] as? Double
        else { throw BenchError("pymongo_read.py printed no result: \(output.prefix(300))") }
        return seconds
    }
}

/// A failed benchmark step, with what failed.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a child process to its end without blocking a thread of the cooperative pool.
enum ChildRun {
    static func run(_ executable: String, _ arguments: [String]) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard status == 0 else { throw BenchError("\(executable) \(arguments.first ?? "") exited with \(status)") }
        return text
    }
}
