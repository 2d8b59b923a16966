import BoardSyncTestSupport
import Foundation
import MongoDriver
import Testing

@Suite struct StreamingMemoryTests {
    /// 20,000 documents of about 8 KB (160 MB in all) streamed through `find` in a child process, whose
    /// resident memory must grow by less than 64 MB: the cursor holds a batch, never the result.
    @Test func findStreamsWithoutLoadingTheWholeResult() async throws {
        try await TestServer.withDatabase { _, database in
            let collection = database.collection("big")
            let payload = String(repeating: "0123456789abcdef", count: 512)  // 8,192 bytes
            for chunk in 0..<20 {
                let documents: [BSONDocument] = (0..<1000).map { index in
                    ["n": .int32(Int32(chunk * 1000 + index)), "payload": .string(payload)]
                }
                try await collection.insertMany(documents, ordered: false)
            }
            #expect(try await collection.countDocuments() == 20_000)

            let output = try await runProbe(arguments: [try TestServer.uri(), database.name, "big"])
            let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Int])
            #expect(result["documents"] == 20_000)
            #expect(result["payload_bytes"] == 20_000 * 8192)
            let growth = (result["rss_peak_kb"] ?? .max) - (result["rss_before_kb"] ?? 0)
            print("streaming 20,000 × 8 KB documents: resident memory grew by \(growth / 1024) MB")
            #expect(growth < 64 * 1024, "resident memory grew by \(growth) KB")
        }
    }

    private func runProbe(arguments: [String]) async throws -> String {
        let result = try await ChildProcess.run(
            try BuiltExecutable.url(named: "mongo-memory-probe"), arguments: arguments)
        #expect(result.status == 0, "\(result.errors)")
        return result.output
    }
}
