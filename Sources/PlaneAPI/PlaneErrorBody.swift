/// The body of a Plane error response, whichever of its envelopes it uses:
/// `{"detail": …}` (DRF), `{"error": …, "id": …}` (views, 409s), `{"field": ["msg"]}` (serializer
/// validation, nested for list elements), `{"error_code": 5900, "error_message": …}` (throttle).
public struct PlaneErrorBody: Sendable, Hashable, Decodable {
    /// `detail`, `error` or `error_message`, in that order of preference, when it is a string.
    public let message: String?
    /// The `id` of a 409 (the existing object for a POST, the patched one for a PATCH).
    public let id: String?
    /// The `detail` string (DRF: authentication, permission, parsing, pagination).
    public let detail: String?
    /// The `error` string (Plane's views: not found, 409s, the delete permission check).
    public let error: String?
    /// Plane's numeric `error_code` (5900 for rate limiting).
    public let errorCode: Int?
    /// Every other key flattened to `path → messages` (`"assignees.0": ["…"]`), plus
    /// `non_field_errors`, and `error` when Plane sent a list there.
    public let fieldErrors: [String: [String]]

    public init(
        message: String?, detail: String? = nil, error: String? = nil, id: String? = nil, errorCode: Int? = nil,
        fieldErrors: [String: [String]] = [:]
    ) {
        self.message = message
        self.detail = detail
        self.error = error
        self.id = id
        self.errorCode = errorCode
        self.fieldErrors = fieldErrors
    }

    public init(from decoder: any Decoder) throws {
        let json = try PlaneJSON(from: decoder)
        guard case .object(let object) = json else {
            self.init(message: json.stringValue)
            return
        }
        var message: String?
        for key in ["detail", "error", "error_message"] where message == nil {
            message = object[key]?.stringValue
        }
        var fields: [String: [String]] = [:]
        for (key, value) in object where !["detail", "error_message", "error_code", "id"].contains(key) {
            if key == "error", value.stringValue != nil { continue }
            value.collectMessages(path: key, into: &fields)
        }
        self.init(
            message: message ?? fields["non_field_errors"]?.first,
            detail: object["detail"]?.stringValue,
            error: object["error"]?.stringValue,
            id: object["id"]?.stringValue,
            errorCode: object["error_code"]?.intValue,
            fieldErrors: fields)
    }
}
