import ArgumentParser
import BoardSync
import Foundation

/// `--log-format`: `human` or `json`; anything else is a usage error (exit 2).
enum LogFormatOption: String, ExpressibleByArgument, CaseIterable, Sendable {
    case human, json

    var format: BoardSyncLogHandler.Format { self == .json ? .json : .human }
}

/// The log format is known in full only once the configuration file is read; lines written before that
/// (a usage error, a configuration that does not load) already follow the flag or the environment.
enum LogSetup {
    static func early(
        arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        var flag: String?
        for (index, argument) in arguments.enumerated() {
            if argument == "--log-format", index + 1 < arguments.count { flag = arguments[index + 1] }
            if argument.hasPrefix("--log-format=") { flag = String(argument.dropFirst("--log-format=".count)) }
        }
        let chosen = (flag ?? environment["BOARDSYNC_LOG_FORMAT"]).flatMap(LogFormatOption.init(rawValue:))
        BoardSyncLogHandler.bootstrap(format: chosen?.format ?? .human)
    }
}
