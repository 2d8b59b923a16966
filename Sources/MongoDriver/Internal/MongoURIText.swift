import Foundation

/// Reads a connection string's user information without libmongoc, so that its secrets are known before
/// libmongoc sees the string and a string that cannot be split unambiguously is refused without echoing it.
enum MongoURIText {
    /// The user name and password, when the string has exactly one `@` ending them.
    static func userInfo(in uri: String) -> (user: String, password: String?)? {
        guard problem(in: uri) == nil, let schemeEnd = uri.range(of: "://") else { return nil }
        let rest = uri[schemeEnd.upperBound...]
        guard let at = rest.firstIndex(of: "@") else { return nil }
        let info = rest[..<at]
        guard let colon = info.firstIndex(of: ":") else { return (String(info), nil) }
        return (String(info[..<colon]), String(info[info.index(after: colon)...]))
    }

    /// Why the user information cannot be told apart from the hosts, or nil. libmongoc would split such a
    /// string somewhere inside the password and echo the rest as a host ("Failed to resolve …").
    static func problem(in uri: String) -> String? {
        guard let schemeEnd = uri.range(of: "://") else { return nil }
        let rest = uri[schemeEnd.upperBound...]
        let ats = rest.count { $0 == "@" }
        guard ats > 0 else { return nil }
        let info = rest.prefix { $0 != "@" }
        let ambiguous =
            ats > 1 || info.contains { "/?#[]".contains($0) } || info.count(where: { $0 == ":" }) > 1
        guard ambiguous else { return nil }
        return "its user name or password (or an option) holds a character that must be percent-encoded: "
            + "write @ as %40, : as %3A, / as %2F, ? as %3F, # as %23 (the URI is not shown: it holds a password)"
    }
}
