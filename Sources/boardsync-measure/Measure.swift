import BoardSync
import Foundation
import MongoDriver
import PlaneSimulator

/// `boardsync-measure [--items N] [--rate N/period]`: the API calls BoardSync spends on a generated board,
/// against the in-process Plane simulator and the MongoDB at BOARDSYNC_MONGODB_URI: initial sync, a no-op
/// sync, a sync after 100 board edits, a full resync with 1% drift in Plane, and a naive mirror that
/// PATCHes every item, for comparison. Prints one Markdown table.
@main
struct Measure {
    static func main() async throws {
        let arguments = CommandLine.arguments
        func value(_ flag: String, _ fallback: String) -> String {
            arguments.firstIndex(of: flag).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
                ?? fallback
        }
        let count = Int(value("--items", "10000")) ?? 10_000
        let rate = value("--rate", "5000/second")
        guard let uri = ProcessInfo.processInfo.environment["BOARDSYNC_MONGODB_URI"] else {
            FileHandle.standardError.write(
                Data("set BOARDSYNC_MONGODB_URI (scripts/mongo-server start prints it)\n".utf8))
            exit(2)
        }
        let rows = try await Scenario.runAll(items: count, rate: rate, mongoURI: uri)
        print("| scenario | work-item reads | work-item writes | metadata reads | pages | seconds |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for row in rows { print(row.markdown) }
    }
}
