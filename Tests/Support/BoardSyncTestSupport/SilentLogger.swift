import Logging

extension Logger {
    /// A logger that writes nothing: what tests hand to initialisers that take a logger.
    public static func silent(_ label: String = "test") -> Logger {
        Logger(label: label, factory: { _ in SwiftLogNoOpLogHandler() })
    }
}
