import Foundation
import PlaneAPI

extension Integration {
    /// The Plane API key, from wherever the document says it is. Messages name the file or the variable,
    /// never the key.
    public func apiKey(environment: [String: String] = ProcessInfo.processInfo.environment) throws(IntegrationError)
        -> PlaneAPIKey
    {
        switch credentialSource {
        case .inline(let key):
            return key
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw IntegrationError(
                    integrationId: id, field: "credentials.api_key_file",
                    reason: "the file \(path) does not exist or cannot be read (is the Secret mounted there?)")
            }
            let key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !key.isEmpty else {
                throw IntegrationError(
                    integrationId: id, field: "credentials.api_key_file", reason: "the file \(path) is empty")
            }
            return PlaneAPIKey(key)
        case .environment(let name):
            guard let key = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !key.isEmpty else {
                throw IntegrationError(
                    integrationId: id, field: "credentials.api_key_env",
                    reason: "the environment variable \(name) is not set or is empty")
            }
            return PlaneAPIKey(key)
        }
    }
}
