import Foundation
import MongoDriver

/// Where a credential lives: in the document, in a file (a mounted Kubernetes Secret), or in an
/// environment variable. The Plane API key and the webhook secret are read the same way.
public enum SecretSource: Sendable, Equatable, CustomStringConvertible {
    case inline(String)
    case file(String)
    case environment(String)

    public var description: String {
        switch self {
        case .inline: "inline in the integrations document"
        case .file(let path): "file \(path)"
        case .environment(let name): "environment variable \(name)"
        }
    }
}

/// What a credential is, for the messages that name it: its field (`api_key`, `webhook_secret`, with
/// `_file` and `_env` forms), what it is called, and what one looks like.
struct SecretKind: Sendable {
    var field: String
    var noun: String
    var short: String
    var example: String
    var fileName: String

    static let planeAPIKey = SecretKind(
        field: "api_key", noun: "Plane API key", short: "key", example: "plane_api_…", fileName: "plane-api-key")
    static let webhookSecret = SecretKind(
        field: "webhook_secret", noun: "Plane webhook secret", short: "secret", example: "plane_wh_…",
        fileName: "plane-webhook-secret")
}

extension Integration {
    /// One line of printable ASCII, and short (Plane's keys are `plane_api_` and 32 hex digits, its webhook
    /// secrets `plane_wh_` and 32). Surrounding whitespace (a file's last newline) is trimmed.
    static let maximumKeyLength = 512
    static let maximumKeyFileBytes = 4096

    /// The credential's text from `source`, checked to be one: a file or a variable holding something else
    /// (a certificate, a whole Secret, megabytes of anything) is named with its field here. Messages name
    /// the file or the variable, never what they hold; the value is registered with ``Redaction``.
    static func readSecret(
        _ source: SecretSource, kind: SecretKind, integrationId id: String,
        environment: [String: String]
    ) throws(IntegrationError) -> String {
        switch source {
        case .inline(let value):
            return try checkedSecret(
                value, kind: kind, integrationId: id, field: "credentials.\(kind.field)", source: "the \(kind.short)")
        case .file(let path):
            let field = "credentials.\(kind.field)_file"
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw IntegrationError(
                    integrationId: id, field: field,
                    reason: "the file \(path) does not exist or cannot be read (is the Secret mounted there?)")
            }
            if isFolder.boolValue {
                throw IntegrationError(
                    integrationId: id, field: field,
                    reason: "\(path) is a folder, not the file holding the \(kind.short) (a mounted Secret's key is "
                        + "a file inside it, e.g. \(path)/\(kind.fileName))")
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            guard size <= maximumKeyFileBytes else {
                throw IntegrationError(
                    integrationId: id, field: field,
                    reason: "the file \(path) holds \(size) bytes: not a \(kind.noun) (one line of at most "
                        + "\(maximumKeyLength) characters, like \(kind.example)); point \(kind.field)_file at the "
                        + kind.short)
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw IntegrationError(
                    integrationId: id, field: field,
                    reason: "the file \(path) cannot be read (check its permissions for this user)")
            }
            return try checkedSecret(
                String(decoding: data, as: UTF8.self), kind: kind, integrationId: id, field: field,
                source: "the file \(path)")
        case .environment(let name):
            let field = "credentials.\(kind.field)_env"
            guard let value = environment[name] else {
                throw IntegrationError(
                    integrationId: id, field: field, reason: "the environment variable \(name) is not set or is empty")
            }
            return try checkedSecret(
                value, kind: kind, integrationId: id, field: field, source: "the environment variable \(name)")
        }
    }

    static func checkedSecret(_ raw: String, kind: SecretKind, integrationId id: String, field: String, source: String)
        throws(IntegrationError) -> String
    {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else {
            throw IntegrationError(
                integrationId: id, field: field,
                reason: "\(source) is empty" + (source.hasPrefix("the environment") ? " or not set" : ""))
        }
        Redaction.register(secret: value)
        guard value.count <= maximumKeyLength else {
            throw IntegrationError(
                integrationId: id, field: field,
                reason: "\(source) holds \(value.utf8.count) bytes: not a \(kind.noun) (one line of at most "
                    + "\(maximumKeyLength) characters, like \(kind.example))")
        }
        guard value.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw IntegrationError(
                integrationId: id, field: field,
                reason: "\(source) is not a \(kind.noun): it holds several lines, spaces or characters that "
                    + "cannot go in a header (a \(kind.short) is one word like \(kind.example))")
        }
        return value
    }
}
