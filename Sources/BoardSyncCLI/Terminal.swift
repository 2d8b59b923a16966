import BoardSync
import Foundation
import Logging
import MongoDriver

/// Where a command's lines go. Standard output holds results (a summary, a report, a plan), as text or as
/// `--json`; standard error holds everything else (problems, notes, progress, logs), in the log format:
/// with `--log-format json` every line on standard error is one JSON object. Every line goes through
/// ``Redaction/redact(_:)`` first.
enum Terminal {
    /// A result, on standard output.
    static func line(_ text: String) {
        print(Redaction.redact(text))
    }

    /// A problem, on standard error: `boardsync: …` as text, or an `error` record in the JSON log format.
    static func error(_ text: String) {
        standardError(level: .error, text)
    }

    /// Something to read that is not the result (the resync plan under `--json`): as it is in the human
    /// format, one `info` record in the JSON log format.
    static func note(_ text: String) {
        standardError(level: .info, text, prefix: "")
    }

    /// A question for the person at the terminal (no newline), on standard error.
    static func ask(_ question: String) {
        BoardSyncLogHandler.writeToStandardError(question)
    }

    private static func standardError(level: Logger.Level, _ text: String, prefix: String = "boardsync: ") {
        let line =
            switch BoardSyncLogHandler.processFormat {
            case .human: prefix + Redaction.redact(text)
            case .json: BoardSyncLogHandler.line(level: level, message: text)
            }
        BoardSyncLogHandler.writeToStandardError(line + "\n")
    }
}
