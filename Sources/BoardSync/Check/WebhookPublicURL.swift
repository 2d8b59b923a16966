import Foundation
import MongoDriver

/// The public address Plane posts to (`check --webhook-url https://host` or `BOARDSYNC_WEBHOOK_URL`): the
/// scheme, host, port and any path prefix an ingress adds, in front of `/webhooks/plane/{integration id}`.
public struct WebhookPublicURL: Sendable, Equatable {
    public static let environmentVariable = "BOARDSYNC_WEBHOOK_URL"

    /// The base without a trailing slash, e.g. `https://boardsync.example.com` or `https://host/boardsync`.
    public var base: String
    /// `--webhook-url` or `BOARDSYNC_WEBHOOK_URL`.
    public var from: String
    public var host: String

    /// The base checked to be one Plane can post to; the error says what is wrong and where it was given.
    public init(_ text: String, from: String) throws(CheckProblem) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty
        else {
            throw CheckProblem(
                "\(from) is \"\(Redaction.redact(trimmed))\": not an http(s) address",
                remedy: "give the public base Plane reaches the daemon's --webhook-port at, e.g. "
                    + "https://boardsync.example.com")
        }
        guard components.user == nil, components.password == nil else {
            throw CheckProblem(
                "\(from) holds a user name or password: Plane's webhooks send none",
                remedy: "give the address without user:password@")
        }
        guard components.query == nil, components.fragment == nil, !components.path.contains("/webhooks/plane")
        else {
            throw CheckProblem(
                "\(from) is \"\(Redaction.redact(trimmed))\": give the base only; check adds /webhooks/plane/{integration id}",
                remedy: "e.g. https://boardsync.example.com (or https://host/prefix behind an ingress path)")
        }
        var base = trimmed
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        self.from = from
        self.host = host.lowercased()
    }

    /// The base from the option, else from the environment; nil when neither gives one.
    public static func resolve(option: String?, environment: [String: String]) throws(CheckProblem)
        -> WebhookPublicURL?
    {
        if let option { return try WebhookPublicURL(option, from: "--webhook-url") }
        if let value = environment[environmentVariable], !value.isEmpty {
            return try WebhookPublicURL(value, from: environmentVariable)
        }
        return nil
    }

    /// `/webhooks/plane/{id}`, the id percent-encoded as the receiver decodes it.
    public static func path(integrationId id: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        return WebhookIntake.pathPrefix + (id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id)
    }

    public func url(integrationId id: String) -> String { base + Self.path(integrationId: id) }

    /// Whether a Plane server refuses the host unless its operator allows it (`WEBHOOK_ALLOWED_IPS` /
    /// `WEBHOOK_ALLOWED_HOSTS`): a loopback, private or link-local address, or a name that is one.
    public var isPrivate: Bool {
        let name = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        if name == "localhost" || name.hasSuffix(".localhost") || name.hasSuffix(".local")
            || name.hasSuffix(".internal") || name.hasSuffix(".svc") || name.hasSuffix(".cluster.local")
        {
            return true
        }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        if octets.count == 4, let a = octets[0], let b = octets[1], octets.allSatisfy({ ($0 ?? -1) >= 0 }) {
            return a == 10 || a == 127 || (a == 172 && (16...31).contains(b)) || (a == 192 && b == 168)
                || (a == 169 && b == 254) || a == 0
        }
        let lower = name.lowercased()
        return lower == "::1" || lower.hasPrefix("fc") || lower.hasPrefix("fd") || lower.hasPrefix("fe80:")
    }
}

/// A problem `check` reports as one ✗ line: what is wrong and what to do.
public struct CheckProblem: Error, Sendable, Equatable {
    public var detail: String
    public var remedy: String

    public init(_ detail: String, remedy: String) {
        self.detail = detail
        self.remedy = remedy
    }
}
