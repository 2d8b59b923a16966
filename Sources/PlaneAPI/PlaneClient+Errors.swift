import Foundation

extension PlaneClient {
    func failure(
        _ code: PlaneAPIError.Code, _ endpoint: PlaneEndpoint, status: Int? = nil, message: String? = nil,
        fieldErrors: [String: [String]] = [:], objectID: String? = nil, fieldPath: String? = nil,
        advice: String? = nil, attempts: Int
    ) -> PlaneAPIError {
        let configuration = code == .configuration
        return PlaneAPIError(
            code: code, method: endpoint.method, endpoint: endpoint.template, status: status,
            message: message.map(redact),
            fieldErrors: fieldErrors.mapValues { $0.map(redact) }, objectID: objectID,
            workspace: configuration ? slug : nil, project: configuration ? endpoint.project : nil,
            fieldPath: fieldPath, advice: advice, attempts: attempts)
    }

    /// Plane's error body, or a stand-in message when the body is not JSON.
    func errorBody(_ response: PlaneHTTPResponse) -> PlaneErrorBody {
        if response.body.isEmpty { return PlaneErrorBody(message: nil) }
        if let body = try? decoder.decode(PlaneErrorBody.self, from: response.body) { return body }
        return PlaneErrorBody(message: "non-JSON body of \(response.body.count) bytes")
    }

    /// Returns the response when it is a 2xx, otherwise throws the ``PlaneAPIError`` its status means.
    func expectSuccess(_ response: PlaneHTTPResponse, for endpoint: PlaneEndpoint, attempts: Int) throws
        -> PlaneHTTPResponse
    {
        if (200...299).contains(response.status) { return response }
        throw mapError(response, endpoint, attempts: attempts)
    }

    func mapError(_ response: PlaneHTTPResponse, _ endpoint: PlaneEndpoint, attempts: Int) -> PlaneAPIError {
        let body = errorBody(response)
        let status = response.status
        func make(_ code: PlaneAPIError.Code, objectID: String? = nil, advice: String? = nil) -> PlaneAPIError {
            failure(
                code, endpoint, status: status, message: body.message, fieldErrors: body.fieldErrors,
                objectID: objectID, advice: advice, attempts: attempts)
        }
        switch status {
        case 400:
            return make(.validation)
        case 401:
            return make(.configuration, advice: "Plane got no API key: configure the integration's key")
        case 403:
            if endpoint.method == "DELETE", endpoint.objectID != nil, body.error != nil {
                return make(.forbidden, objectID: endpoint.objectID)
            }
            if body.detail == "Given API token is not valid" {
                return make(
                    .configuration,
                    advice: "the API key is unknown, inactive or expired: create a new Personal Access Token "
                        + "(Profile settings → Personal Access Tokens) and update the integration")
            }
            return make(
                .configuration,
                advice: "the key's user may not do this here: check the workspace slug and project id, and make "
                    + "the user a Member or Admin of the project (writes need Member)")
        case 404:
            return make(.notFound, objectID: endpoint.objectID)
        case 409 where endpoint.method == "POST":
            return make(.duplicate, objectID: body.id)
        case 409:
            return make(.conflict, objectID: endpoint.objectID ?? body.id)
        case 413:
            return make(.tooLarge)
        case 500...599:
            return make(.serverError)
        default:
            return make(.unexpectedStatus)
        }
    }

    /// Decodes a 2xx body; anything that does not match `T` is ``PlaneAPIError/Code/invalidResponse``
    /// naming the field path.
    func decode<T: Decodable>(
        _ type: T.Type, from response: PlaneHTTPResponse, for endpoint: PlaneEndpoint, attempts: Int
    ) throws -> T {
        do {
            return try decoder.decode(T.self, from: response.body)
        } catch let error as DecodingError {
            let (path, message) = PlaneClient.describe(error)
            throw failure(
                .invalidResponse, endpoint, status: response.status, message: message,
                fieldPath: path.isEmpty ? "(body)" : path, attempts: attempts)
        }
    }

    static func describe(_ error: DecodingError) -> (path: String, message: String) {
        func render(_ path: [any CodingKey]) -> String {
            var text = ""
            for key in path {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return text
        }
        switch error {
        case .typeMismatch(let type, let context):
            return (render(context.codingPath), "expected \(type), found something else")
        case .valueNotFound(let type, let context):
            return (render(context.codingPath), "expected \(type), found null")
        case .keyNotFound(let key, let context):
            return (render(context.codingPath + [key]), "missing key")
        case .dataCorrupted(let context):
            let message = context.codingPath.isEmpty ? "body is not valid JSON" : context.debugDescription
            return (render(context.codingPath), message)
        @unknown default:
            return ("", "undecodable body")
        }
    }
}
