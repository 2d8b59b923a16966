import Foundation
import MongoDriver

/// Streams one collection through `find` and prints how much the process's resident memory grew.
///
/// A separate process, so the test that runs it measures this stream alone, not its neighbours.
/// Usage: `mongo-memory-probe URI DATABASE COLLECTION` (prints one JSON object).
@main
struct MemoryProbe {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 4 else {
            FileHandle.standardError.write(Data("usage: mongo-memory-probe URI DATABASE COLLECTION\n".utf8))
            exit(2)
        }
        let result = try await withMongoClient(MongoClient.Configuration(uri: arguments[1], maxPoolSize: 2)) { client in
            let collection = client.database(arguments[2]).collection(arguments[3])
            // Warm up the pool and the allocator so the baseline is not the first connection's cost.
            _ = try await collection.findOne()
            let before = residentKilobytes()
            var peak = before
            var count = 0
            var bytes = 0
            for try await document in collection.find([:], options: MongoFindOptions(batchSize: 256)) {
                count += 1
                bytes += document["payload"]?.stringValue?.utf8.count ?? 0
                if count % 250 == 0 { peak = max(peak, residentKilobytes()) }
            }
            peak = max(peak, residentKilobytes())
            return ["documents": count, "payload_bytes": bytes, "rss_before_kb": before, "rss_peak_kb": peak]
        }
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }

    /// Resident set size from /proc/self/statm (pages → KiB).
    static func residentKilobytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
    }
}
