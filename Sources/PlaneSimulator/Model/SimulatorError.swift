/// Errors of the simulator's own API (not Plane responses). Descriptions never contain tokens.
public struct SimulatorError: Error, CustomStringConvertible, Sendable {
    public let description: String

    static func seed(_ message: String) -> SimulatorError { SimulatorError(description: "seed: \(message)") }
    static func configuration(_ message: String) -> SimulatorError {
        SimulatorError(description: "configuration: \(message)")
    }
    static func notFound(_ what: String) -> SimulatorError { SimulatorError(description: "not found: \(what)") }
    static func rejected(_ status: Int, _ body: String) -> SimulatorError {
        SimulatorError(description: "rejected with \(status): \(body)")
    }
}
