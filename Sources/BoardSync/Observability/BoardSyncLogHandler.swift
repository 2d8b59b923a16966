import Foundation
import Logging
import Synchronization

/// The log lines of `--log-format human|json`, on standard error, with ``LogRedaction`` applied to the
/// message and every metadata value.
///
/// - human: `2026-11-26T00:10:00Z info boardsync: message key=value`
/// - json: one object per line, `{"time", "level", "label", "message", "metadata"?}` (sorted keys).
public struct BoardSyncLogHandler: LogHandler {
    public enum Format: String, Sendable {
        case human, json
    }

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    /// nil: the process's format (``processFormat``), which the settings may set after the handler was made.
    let fixedFormat: Format?
    let write: @Sendable (String) -> Void

    public init(label: String, format: Format?, write: @escaping @Sendable (String) -> Void = Self.standardError) {
        self.label = label
        self.fixedFormat = format
        self.write = write
    }

    var format: Format { fixedFormat ?? Self.processFormat }

    /// The format of every line this process writes to standard error: log records and the command
    /// line's own messages alike (`--log-format`, `BOARDSYNC_LOG_FORMAT`, `log.format`).
    public static var processFormat: Format {
        get { sharedFormat.withLock { $0 } }
        set { sharedFormat.withLock { $0 = newValue } }
    }

    private static let sharedFormat = Mutex(Format.human)

    public static let standardError: @Sendable (String) -> Void = { line in
        writeToStandardError(line + "\n")
    }

    /// Every write to standard error of the process, one at a time: a pipe keeps a write whole only up to
    /// 4 KB, and a long line (the resync plan as one JSON record) written while another thread logs would
    /// otherwise come out interleaved.
    public static func writeToStandardError(_ text: String) {
        standardErrorLock.withLock { _ in FileHandle.standardError.write(Data(text.utf8)) }
    }

    private static let standardErrorLock = Mutex(())

    /// Installs the handler for the process and sets its format; swift-log allows one bootstrap, so a later
    /// call only changes the format (known once the configuration file was read).
    public static func bootstrap(format: Format, level: Logger.Level = .info) {
        processFormat = format
        bootstrapOnce.withLock { done in
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap { label in
                var handler = BoardSyncLogHandler(label: label, format: nil)
                handler.logLevel = level
                return handler
            }
        }
    }

    private static let bootstrapOnce = Mutex(false)

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        write(render(level: event.level, message: "\(event.message)", metadata: merged, time: Date()))
    }

    /// One line as the process's format writes it, for what the command line itself says on standard error.
    public static func line(
        level: Logger.Level, label: String = "boardsync", message: String, metadata: Logger.Metadata = [:]
    ) -> String {
        BoardSyncLogHandler(label: label, format: nil).render(
            level: level, message: message, metadata: metadata, time: Date())
    }

    func render(level: Logger.Level, message: String, metadata: Logger.Metadata, time: Date) -> String {
        let timestamp = time.formatted(.iso8601)
        let message = LogRedaction.redact(message)
        let fields = metadata.mapValues { LogRedaction.redact("\($0)") }
        switch format {
        case .human:
            let pairs = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            return ([timestamp, level.rawValue, "\(label):", message] + pairs).joined(separator: " ")
        case .json:
            var object: [String: Any] = [
                "time": timestamp, "level": level.rawValue, "label": label, "message": message,
            ]
            if !fields.isEmpty { object["metadata"] = fields }
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }
    }
}
