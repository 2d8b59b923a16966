/// One HTTP request as the simulator's core sees it (transport-free, so it can be tested directly).
struct SimRequest: Sendable {
    var method: String
    var path: String
    /// Query parameters in order, percent-decoded.
    var query: [(String, String)]
    /// Header names lowercased.
    var headers: [String: String]
    var body: [UInt8]
    /// Set when the body went over the size limit while being read.
    var bodyTooLarge = false
    /// The query string exactly as sent (for the request log).
    var rawQuery: String?

    func queryValue(_ name: String) -> String? {
        query.last { $0.0 == name }?.1
    }

    var pathAndQuery: String {
        guard let rawQuery, !rawQuery.isEmpty else { return path }
        return path + "?" + rawQuery
    }
}

/// A response: status, extra headers, and a JSON body (nil for an empty body).
struct SimResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: SimJSON?

    static func json(_ status: Int, _ body: SimJSON) -> SimResponse {
        SimResponse(status: status, body: body)
    }
}

/// A Plane error response, thrown by handlers and turned into a ``SimResponse``.
struct PlaneError: Error, Sendable {
    var status: Int
    var body: SimJSON

    static let notFound = PlaneError(status: 404, body: ["error": "The requested resource does not exist."])
    static let pageNotFound = PlaneError(status: 404, body: ["error": "Page not found."])
    static let noCredentials = PlaneError(
        status: 401, body: ["detail": "Authentication credentials were not provided."])
    static let badToken = PlaneError(status: 403, body: ["detail": "Given API token is not valid"])
    static let forbidden = PlaneError(
        status: 403, body: ["detail": "You do not have permission to perform this action."])
    static let serverError = PlaneError(status: 500, body: ["error": "Something went wrong please try again later"])
    static let throttled = PlaneError(
        status: 429, body: ["error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"])

    static func methodNotAllowed(_ method: String) -> PlaneError {
        PlaneError(status: 405, body: ["detail": .string("Method \"\(method)\" not allowed.")])
    }

    static func validation(_ fields: [(String, SimJSON)]) -> PlaneError {
        PlaneError(status: 400, body: .object(fields))
    }

    static func nonField(_ message: String) -> PlaneError {
        PlaneError(status: 400, body: ["non_field_errors": [.string(message)]])
    }

    static func detail(_ status: Int, _ message: String) -> PlaneError {
        PlaneError(status: status, body: ["detail": .string(message)])
    }

    static func conflict(_ message: String, id: String) -> PlaneError {
        PlaneError(status: 409, body: ["error": .string(message), "id": .string(id)])
    }
}
