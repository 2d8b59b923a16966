import Foundation

/// One line of the benchmark table, written as a JSON line by each scenario process and read back by `table`.
struct ResultRow: Codable, Sendable {
    /// The scenario number, with a letter for its parts (`1`, `3n`, `4b`, `5c`).
    var id: String
    var scenario: String
    /// Work-item reads and writes (GET, POST/PATCH/DELETE on work items), metadata reads apart.
    var reads: Int?
    var writes: Int?
    var metadataReads: Int?
    var throttled: Int?
    var seconds: Double
    /// Peak resident memory of the scenario's process, MiB.
    var peakMiB: Double?
    /// The figure the goal is judged on, as text.
    var measured: String
    var goal: String
    /// nil where the row has no goal of its own (context rows).
    var met: Bool?

    /// Appends the row to the JSON-lines file `path` and echoes it to standard error.
    func append(to path: String?) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let line = try encoder.encode(self) + Data("\n".utf8)
        FileHandle.standardError.write(Data("\(id) \(scenario): \(measured) (\(format(seconds)) s)\n".utf8))
        guard let path else { return }
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
    }
}

/// Numbers as the table shows them.
func format(_ value: Double, digits: Int = 1) -> String {
    String(format: "%.\(digits)f", value)
}
