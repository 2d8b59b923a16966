import Essentials
import Foundation
import MongoDriver

/// A command that cannot do its work: what went wrong (for whom, and what to do) and the exit code.
/// ``BoardSyncCommand/main()`` shows it on standard error and, for a command given `--json`, as a JSON
/// error object on standard output.
struct CommandFailure: Error {
    var exitCode: Int32
    var message: String
    var integration: String?

    init(_ exitCode: Int32, _ message: String, integration: String? = nil) {
        self.exitCode = exitCode
        self.message = message
        self.integration = integration
    }
}

/// A command whose result can be printed as JSON (`--json`): its failures are printed as JSON too.
protocol JSONOutputCommand: SendableMetatype {
    var json: Bool { get }
}

/// `{"exit_code": 2, "integration": "plane-acme", "message": "..."}`: one failure, in every `--json` output.
struct JSONError: Encodable {
    var exitCode: Int32
    var message: String
    var integration: String?

    init(exitCode: Int32, message: String, integration: String? = nil) {
        self.exitCode = exitCode
        self.message = Redaction.redact(message)
        self.integration = integration
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case exitCode = "exit_code"
        case message, integration
    }

    /// Every key, `integration` null when the failure is not about one.
    func encode(to encoder: any Encoder) throws {
        try encoder.encodeEveryKey(of: self, keyedBy: CodingKeys.self)
    }

    /// `{"error": {...}}` on standard output.
    func print() {
        Terminal.line(JSONText.encode(["error": self]))
    }
}

/// The JSON the commands print: keys sorted, indented, slashes as they are.
enum JSONText {
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            return #"{"error": {"exit_code": 1, "message": "the result could not be encoded as JSON"}}"#
        }
    }

    /// `value`'s JSON object with more keys (the run summary with its `error`).
    static func encode(_ value: some Encodable, adding extra: [String: any Encodable]) -> String {
        let base = encode(value)
        guard var object = (try? JSONSerialization.jsonObject(with: Data(base.utf8))) as? [String: Any] else {
            return base
        }
        for (key, extraValue) in extra {
            if let data = encode(AnyEncodable(extraValue)).data(using: .utf8),
                let decoded = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            {
                object[key] = decoded
            }
        }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        else { return base }
        return String(decoding: data, as: UTF8.self)
    }

    private struct AnyEncodable: Encodable {
        let value: any Encodable
        init(_ value: any Encodable) { self.value = value }
        func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    }
}
