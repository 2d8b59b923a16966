import Foundation

/// One call's target: method, the endpoint template (what stats and errors show) and the
/// filled-in path and query (what is sent).
struct PlaneEndpoint: Sendable {
    struct QueryItem: Sendable, Hashable {
        let name: String
        let value: String
    }

    let method: String
    /// e.g. `/workspaces/{slug}/projects/{project_id}/work-items/{id}/`
    let template: String
    /// The template with every placeholder replaced, percent-encoded; ends with `/`.
    let path: String
    var query: [QueryItem] = []
    /// The project id when the endpoint is project-scoped.
    let project: String?
    /// The object a detail endpoint addresses (the last placeholder).
    let objectID: String?
    /// The work-item lookup by external pair (a 500 there means duplicates).
    var isExternalLookup = false

    /// - Parameters:
    ///   - template: placeholders in braces; the first `{project_id}` marks the project.
    ///   - values: one value per placeholder, in order.
    init(_ method: String, _ template: String, _ values: [String], objectID: String? = nil) {
        self.method = method
        self.template = template
        var path = ""
        var project: String?
        var remaining = values[...]
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            path += rest[..<open]
            let name = rest[rest.index(after: open)..<close]
            let value = remaining.popFirst() ?? ""
            if name == "project_id", project == nil { project = value }
            path += PlaneEndpoint.encodeSegment(value)
            rest = rest[rest.index(after: close)...]
        }
        path += rest
        precondition(remaining.isEmpty, "more values than placeholders in \(template)")
        self.path = path
        self.project = project
        self.objectID = objectID
    }

    var isWrite: Bool { method != "GET" }

    /// `path?query` appended to the base URL's path.
    func url(relativeTo base: URL) -> URL {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += path
        if !query.isEmpty {
            text +=
                "?"
                + query.map { PlaneEndpoint.encodeQuery($0.name) + "=" + PlaneEndpoint.encodeQuery($0.value) }
                .joined(separator: "&")
        }
        guard let url = URL(string: text) else { preconditionFailure("unbuildable URL for \(template)") }
        return url
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Percent-encodes everything but RFC 3986 unreserved characters, so `/`, `?`, `+` and `&`
    /// in an id or slug can never change the path or the query.
    static func encodeSegment(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    static func encodeQuery(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved.union(CharacterSet(charactersIn: ",:"))) ?? ""
    }
}
