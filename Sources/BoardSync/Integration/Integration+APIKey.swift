import Foundation
import MongoDriver
import PlaneAPI

extension Integration {
    /// The Plane API key, from wherever the document says it is, checked to be one: a file or a variable
    /// holding something else (a certificate, a whole Secret, megabytes of anything) is named with its field
    /// here, instead of failing later as a request Plane never answers. Messages name the file or the
    /// variable, never what they hold. The key is registered with ``Redaction`` so no output can show it.
    public func apiKey(environment: [String: String] = ProcessInfo.processInfo.environment) throws(IntegrationError)
        -> PlaneAPIKey
    {
        switch credentialSource {
        case .inline(let key):
            return key  // checked when the document was validated
        case .file(let path):
            let field = "credentials.api_key_file"
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw IntegrationError(
                    integrationId: id, field: field,
                    reason: "the file \(path) does not exist or cannot be read (is the Secret mounted there?)")
            }
            if isFolder.boolValue {
                throw IntegrationError(
                    integrationId: id, field: field,
                    reason: "\(path) is a folder, not the file holding the key (a mounted Secret's key is a file "
                        + "inside it, e.g. \(path)/plane-api-key)")
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            guard size <= Self.maximumKeyFileBytes else {
                throw IntegrationError(
                    integrationId: id, field: field,
                    reason: "the file \(path) holds \(size) bytes: not a Plane API key (one line of at most "
                        + "\(Self.maximumKeyLength) characters, like plane_api_…); point api_key_file at the key")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw IntegrationError(
                    integrationId: id, field: field,
                    reason: "the file \(path) cannot be read (check its permissions for this user)")
            }
            return try Self.checkedKey(
                String(decoding: data, as: UTF8.self), integrationId: id, field: field, source: "the file \(path)")
        case .environment(let name):
            guard let value = environment[name] else {
                throw IntegrationError(
                    integrationId: id, field: "credentials.api_key_env",
                    reason: "the environment variable \(name) is not set or is empty")
            }
            return try Self.checkedKey(
                value, integrationId: id, field: "credentials.api_key_env", source: "the environment variable \(name)")
        }
    }

    /// A key is sent in a header: one line of printable ASCII, and short (Plane's are `plane_api_` and 32
    /// hex digits). Surrounding whitespace (a file's last newline) is trimmed.
    static let maximumKeyLength = 512
    static let maximumKeyFileBytes = 4096

    static func checkedKey(_ raw: String, integrationId id: String, field: String, source: String)
        throws(IntegrationError) -> PlaneAPIKey
    {
        let key = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else {
            throw IntegrationError(
                integrationId: id, field: field,
                reason: "\(source) is empty" + (source.hasPrefix("the environment") ? " or not set" : ""))
        }
        Redaction.register(secret: key)
        guard key.count <= Self.maximumKeyLength else {
            throw IntegrationError(
                integrationId: id, field: field,
                reason: "\(source) holds \(key.utf8.count) bytes: not a Plane API key (one line of at most "
                    + "\(Self.maximumKeyLength) characters, like plane_api_…)")
        }
        guard key.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw IntegrationError(
                integrationId: id, field: field,
                reason: "\(source) is not a Plane API key: it holds several lines, spaces or characters that "
                    + "cannot go in a header (a key is one word like plane_api_…)")
        }
        return PlaneAPIKey(key)
    }
}
