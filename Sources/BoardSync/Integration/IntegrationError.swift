/// An `integrations` document BoardSync cannot use: every field that is missing or wrong, by name, with
/// what to do. Never shows the API key. Exit code 2.
public struct IntegrationError: Error, Sendable, CustomStringConvertible {
    public struct Problem: Sendable, Equatable {
        /// Dotted path in the document, e.g. `credentials.api_key_file` or `projects[1].plane_project_id`.
        public var field: String
        public var reason: String
    }

    public var integrationId: String
    public var problems: [Problem]

    public init(integrationId: String, problems: [Problem]) {
        self.integrationId = integrationId
        self.problems = problems
    }

    public init(integrationId: String, field: String, reason: String) {
        self.init(integrationId: integrationId, problems: [Problem(field: field, reason: reason)])
    }

    public var description: String {
        let lines = problems.map { "  - \($0.field): \($0.reason)" }
        return "integrations document \"\(integrationId)\" cannot be used; fix it in MongoDB:\n"
            + lines.joined(separator: "\n")
    }
}
