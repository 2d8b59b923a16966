/// Every failure of a ``PlaneClient`` call.
///
/// Branch on ``code`` (an open set: new codes can be added without breaking a `switch`).
/// Two errors are equal when their codes are equal. ``description`` names the method, the
/// endpoint template, the status and Plane's message; it never contains the API key (messages
/// that echo it are scrubbed) and names the workspace and project only where that helps.
public struct PlaneAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case validation, tooLarge, configuration, forbidden, notFound, duplicate, conflict
            case duplicatedExternalPair, invalidResponse, outcomeUnknown, serverError, network, timeout
            case rateLimited, unexpectedStatus
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// 400: Plane rejected the body; ``PlaneAPIError/fieldErrors`` says why. Do not retry as is.
        public static let validation = Code(.validation)
        /// 413: the body is over Plane's upload limit (5 MiB by default).
        public static let tooLarge = Code(.tooLarge)
        /// 401, or 403 on a read or on the project: the key, workspace or project is wrong or lacks rights.
        public static let configuration = Code(.configuration)
        /// 403 on a DELETE of one item: only its creator or a project admin may delete it.
        public static let forbidden = Code(.forbidden)
        /// 404: the object does not exist (deleted, archived, draft or triage for work items).
        public static let notFound = Code(.notFound)
        /// 409 to a POST: the object exists already; ``PlaneAPIError/objectID`` is its id.
        public static let duplicate = Code(.duplicate)
        /// 409 to a PATCH: the change clashes with another object. Never adopt the id.
        public static let conflict = Code(.conflict)
        /// 500 on the external-id lookup: Plane holds several items with that pair.
        public static let duplicatedExternalPair = Code(.duplicatedExternalPair)
        /// A 2xx whose body is not the JSON expected; ``PlaneAPIError/fieldPath`` says where.
        public static let invalidResponse = Code(.invalidResponse)
        /// A POST whose outcome cannot be known (timeout, dropped connection or 5xx): settle it
        /// with the external-id lookup before any new POST.
        public static let outcomeUnknown = Code(.outcomeUnknown)
        /// 5xx after every retry.
        public static let serverError = Code(.serverError)
        /// The connection failed (refused, reset, TLS) after every retry.
        public static let network = Code(.network)
        /// No response within the request timeout, after every retry.
        public static let timeout = Code(.timeout)
        /// Still 429 after the configured number of waits.
        public static let rateLimited = Code(.rateLimited)
        /// Any other status (405, an unexpected 3xx, …).
        public static let unexpectedStatus = Code(.unexpectedStatus)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// `GET`, `POST`, `PATCH` or `DELETE`.
    public let method: String
    /// The endpoint template, e.g. `/workspaces/{slug}/projects/{project_id}/work-items/{id}/`.
    public let endpoint: String
    /// The HTTP status, when a response arrived.
    public let status: Int?
    /// Plane's message (`detail`, `error`, …) or what went wrong on this side.
    public let message: String?
    /// Plane's field errors, `field → messages` (nested paths joined with dots).
    public let fieldErrors: [String: [String]]
    /// The object concerned: the existing id for ``Code/duplicate``, the item for ``Code/conflict``,
    /// ``Code/forbidden`` and ``Code/notFound`` on a detail endpoint.
    public let objectID: String?
    /// The workspace slug, set for ``Code/configuration``.
    public let workspace: String?
    /// The project id, set for ``Code/configuration`` on project endpoints.
    public let project: String?
    /// For ``Code/invalidResponse``: where in the body decoding failed, e.g. `results[3].updated_at`.
    public let fieldPath: String?
    /// What an operator should do, for ``Code/configuration``.
    public let advice: String?
    /// How many requests were sent for this call (retries included).
    public let attempts: Int

    public init(
        code: Code, method: String, endpoint: String, status: Int? = nil, message: String? = nil,
        fieldErrors: [String: [String]] = [:], objectID: String? = nil, workspace: String? = nil,
        project: String? = nil, fieldPath: String? = nil, advice: String? = nil, attempts: Int = 1
    ) {
        self.code = code
        self.method = method
        self.endpoint = endpoint
        self.status = status
        self.message = message
        self.fieldErrors = fieldErrors
        self.objectID = objectID
        self.workspace = workspace
        self.project = project
        self.fieldPath = fieldPath
        self.advice = advice
        self.attempts = attempts
    }

    public static func == (lhs: PlaneAPIError, rhs: PlaneAPIError) -> Bool {
        lhs.code == rhs.code
    }

    public var description: String {
        var text = "Plane API \(code): \(method) \(endpoint)"
        if let status { text += " answered \(status)" }
        if attempts > 1 { text += " after \(attempts) attempts" }
        if let objectID { text += " (object \(objectID))" }
        if let workspace { text += " [workspace \(workspace)" + (project.map { ", project \($0)" } ?? "") + "]" }
        if let message { text += ": \(message)" }
        if let fieldPath { text += " at \(fieldPath)" }
        let fields = fieldErrors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.joined(separator: " "))" }
        if !fields.isEmpty { text += " {" + fields.joined(separator: "; ") + "}" }
        if let advice { text += ". " + advice }
        return text
    }
}
