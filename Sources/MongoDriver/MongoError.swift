import CMongoC

/// A failed MongoDB operation.
///
/// Keeps libmongoc's `domain`/`code`, the server's code and code name and its error labels, so callers can
/// branch on ``code`` (duplicate key, server unreachable, change streams unsupported, resume token too old)
/// and retry logic can read the labels. The description names the operation and the namespace, says what
/// to do where that is known, and never shows a password or a document.
public struct MongoError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case serverUnreachable, duplicateKey, changeStreamsUnsupported, resumeTokenTooOld
            case authenticationFailed, invalidURI, clientClosed, invalidDocument, writeConflict, server, client
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// No server could be selected within `serverSelectionTimeoutMS`, or the connection failed.
        public static let serverUnreachable = Code(.serverUnreachable)
        /// A unique index refused the write (server code 11000).
        public static let duplicateKey = Code(.duplicateKey)
        /// The server is not a replica set, so it has no change streams (code 40573).
        public static let changeStreamsUnsupported = Code(.changeStreamsUnsupported)
        /// The resume token is older than the oplog keeps (code 286, ChangeStreamHistoryLost).
        public static let resumeTokenTooOld = Code(.resumeTokenTooOld)
        public static let authenticationFailed = Code(.authenticationFailed)
        public static let invalidURI = Code(.invalidURI)
        /// The client was closed before or during the operation.
        public static let clientClosed = Code(.clientClosed)
        /// A document from the server could not be read (malformed BSON, invalid UTF-8).
        public static let invalidDocument = Code(.invalidDocument)
        /// A transaction met a concurrent write (code 112); labelled TransientTransactionError.
        public static let writeConflict = Code(.writeConflict)
        /// Any other error the server reported.
        public static let server = Code(.server)
        /// Any other error libmongoc raised on this side.
        public static let client = Code(.client)

        public var description: String { base.rawValue }
    }

    public var code: Code
    /// libmongoc's error domain and code (`bson_error_t`); 0 when the error was raised in Swift.
    public var domain: UInt32
    public var libraryCode: UInt32
    /// The server's error code and code name, when the server answered.
    public var serverCode: Int?
    public var codeName: String?
    public var errorLabels: [String]
    /// What was being done, e.g. `insertOne into nexus.board_links`.
    public var operation: String
    /// The error message with any known secret removed.
    public var message: String

    public init(
        code: Code, operation: String, message: String, domain: UInt32 = 0, libraryCode: UInt32 = 0,
        serverCode: Int? = nil, codeName: String? = nil, errorLabels: [String] = []
    ) {
        self.code = code
        self.operation = operation
        self.message = Redaction.redact(message)
        self.domain = domain
        self.libraryCode = libraryCode
        self.serverCode = serverCode
        self.codeName = codeName
        self.errorLabels = errorLabels
    }

    public func hasLabel(_ label: String) -> Bool { errorLabels.contains(label) }

    public var description: String {
        var text = "MongoDB \(operation) failed: \(message)"
        if let serverCode {
            text += " (server code \(serverCode)\(codeName.map { " \($0)" } ?? ""))"
        } else if domain != 0 {
            text += " (libmongoc domain \(domain), code \(libraryCode))"
        }
        if let advice { text += ". " + advice }
        return text
    }

    /// What a person can do about it, when there is something to say.
    public var advice: String? {
        switch code {
        case .serverUnreachable:
            "Check that MongoDB is running and that the host and port in the MongoDB URI (--mongodb-uri or "
                + "BOARDSYNC_MONGODB_URI) are right."
        case .authenticationFailed: "Check the user name and password in the MongoDB URI."
        case .invalidURI: "Fix the MongoDB URI (--mongodb-uri or BOARDSYNC_MONGODB_URI)."
        case .changeStreamsUnsupported: "Change streams need a replica set; BoardSync falls back to polling."
        case .resumeTokenTooOld: "The saved resume token has left the oplog; start a new stream."
        default: nil
        }
    }

    static func clientClosed(operation: String = "operation") -> MongoError {
        MongoError(code: .clientClosed, operation: operation, message: "the client is closed")
    }
}
