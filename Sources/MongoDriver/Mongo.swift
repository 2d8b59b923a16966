import CMongoC
import Logging
import Synchronization

/// Process-wide set-up of libmongoc: initialised once, with its log routed to swift-log.
public enum Mongo {
    /// Runs `mongoc_init()` once and installs the log handler. Every client calls it; callers need not.
    public static func initialize() {
        _ = initialized
    }

    /// The logger libmongoc's own messages go to (label `mongoc`); set before the first client for a custom one.
    public static var logger: Logger {
        get { logState.withLock { $0 } }
        set {
            initialize()
            logState.withLock { $0 = newValue }
        }
    }

    /// The handler goes in first, so that what `mongoc_init()` says reaches swift-log (JSON with
    /// `--log-format json`). A libmongoc built with automatic globals (Debian's) has already initialised itself
    /// when it was loaded; its one warning there ("Falling back to malloc for counters", when a stale
    /// /dev/shm/mongoc-<pid> segment holds this pid) goes to stderr as plain text. `MONGOC_DISABLE_SHM=1` in
    /// the environment avoids it (README, "`--json` and errors").
    private static let initialized: Void = {
        mongoc_log_set_handler(mongocLogHandler, nil)
        mongoc_init()
    }()

    fileprivate static let logState = Mutex(Logger(label: "mongoc"))
}

/// libmongoc calls this from its own threads (the pool's monitor threads among them), hence no captures
/// and no actor isolation: it reads a lock-protected logger and redacts known secrets before logging.
private let mongocLogHandler:
    @convention(c) (
        mongoc_log_level_t, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafeMutableRawPointer?
    ) -> Void = { level, domain, message, _ in
        let logger = Mongo.logState.withLock { $0 }
        let text = Redaction.redact(message.map { String(cString: $0) } ?? "")
        let source = domain.map { String(cString: $0) } ?? "mongoc"
        let swiftLevel: Logger.Level =
            switch level {
            case MONGOC_LOG_LEVEL_ERROR, MONGOC_LOG_LEVEL_CRITICAL: .error
            case MONGOC_LOG_LEVEL_WARNING: .warning
            case MONGOC_LOG_LEVEL_MESSAGE, MONGOC_LOG_LEVEL_INFO: .info
            case MONGOC_LOG_LEVEL_DEBUG: .debug
            default: .trace
            }
        logger.log(level: swiftLevel, "\(text)", metadata: ["mongoc.domain": "\(source)"])
    }
