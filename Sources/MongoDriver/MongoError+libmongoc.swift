import CMongoC

extension MongoError {
    /// Builds the error from libmongoc's `bson_error_t` and, when there is one, the server's reply.
    init(_ error: bson_error_t, reply: BSONDocument? = nil, operation: String) {
        let message = withUnsafeBytes(of: error.message) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        let details = MongoError.serverDetails(in: reply)
        let serverCode = details.code ?? (Self.isServerDomain(error.domain) ? Int(error.code) : nil)
        self.init(
            code: Self.classify(domain: error.domain, code: error.code, serverCode: serverCode),
            operation: operation,
            message: details.message ?? message,
            domain: error.domain,
            libraryCode: error.code,
            serverCode: serverCode,
            codeName: details.codeName ?? serverCode.flatMap(Self.knownCodeNames),
            errorLabels: details.labels
        )
    }

    /// The one mapping from libmongoc's `(domain, code)` and the server's code to ``Code``.
    static func classify(domain: UInt32, code: UInt32, serverCode: Int?) -> Code {
        switch serverCode {
        case 11000, 11001: return .duplicateKey
        case 40573: return .changeStreamsUnsupported
        case 286: return .resumeTokenTooOld
        case 18: return .authenticationFailed
        case 112: return .writeConflict
        case .some: return .server
        case nil: break
        }
        switch (domain, code) {
        case (MONGOC_ERROR_SERVER_SELECTION.rawValue, _), (MONGOC_ERROR_STREAM.rawValue, _):
            return .serverUnreachable
        case (MONGOC_ERROR_CLIENT.rawValue, MONGOC_ERROR_CLIENT_AUTHENTICATE.rawValue):
            return .authenticationFailed
        default:
            return .client
        }
    }

    private static func isServerDomain(_ domain: UInt32) -> Bool {
        domain == MONGOC_ERROR_SERVER.rawValue || domain == MONGOC_ERROR_WRITE_CONCERN.rawValue
            || domain == MONGOC_ERROR_QUERY.rawValue
    }

    private static func knownCodeNames(_ code: Int) -> String? {
        switch code {
        case 11000: "DuplicateKey"
        case 40573: "Location40573"
        case 286: "ChangeStreamHistoryLost"
        case 112: "WriteConflict"
        case 18: "AuthenticationFailed"
        default: nil
        }
    }

    /// The server's own code, code name, message and labels, from the reply or its first write error.
    private static func serverDetails(in reply: BSONDocument?) -> (
        code: Int?, codeName: String?, message: String?, labels: [String]
    ) {
        guard let reply else { return (nil, nil, nil, []) }
        let labels = reply["errorLabels"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if let first = reply["writeErrors"]?.arrayValue?.first?.documentValue {
            return (
                first["code"]?.int64Value.map(Int.init), first["codeName"]?.stringValue,
                first["errmsg"]?.stringValue, labels
            )
        }
        if let concern = reply["writeConcernError"]?.documentValue {
            return (
                concern["code"]?.int64Value.map(Int.init), concern["codeName"]?.stringValue,
                concern["errmsg"]?.stringValue, labels
            )
        }
        return (
            reply["code"]?.int64Value.map(Int.init), reply["codeName"]?.stringValue, reply["errmsg"]?.stringValue,
            labels
        )
    }
}
