import Foundation
import PlaneSimulator
import Testing

/// One recorded exchange from `fixtures/plane-samples/` in the package root.
struct RecordedSample {
    let name: String
    let method: String
    let path: String
    let requestBody: SimJSON?
    let auth: Bool
    let status: Int
    let headers: [String: String]
    let body: SimJSON?

    static let directory = SimulatorHarness.packageRoot.appendingPathComponent("fixtures/plane-samples")

    static func load(_ name: String) throws -> RecordedSample {
        let url = directory.appendingPathComponent(name + ".json")
        let json = try SimJSON.parse(try Data(contentsOf: url))
        let request = try #require(json["request"])
        var headers: [String: String] = [:]
        for (key, value) in json["headers"]?.objectValue ?? [] { headers[key.lowercased()] = value.stringValue }
        let body = Self.nonNull(json["body"])
        return RecordedSample(
            name: name, method: try #require(request["method"]?.stringValue),
            path: try #require(request["path"]?.stringValue),
            requestBody: Self.nonNull(request["body"]), auth: request["auth"]?.isNull == false,
            status: try #require(json["status"]?.intValue), headers: headers, body: body)
    }

    /// nil for a missing key or JSON null (a bare `nil` would be read as `SimJSON.null`).
    static func nonNull(_ value: SimJSON?) -> SimJSON? {
        guard let value, !value.isNull else { return Optional<SimJSON>.none }
        return value
    }

    static func allNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
            .map { String($0.dropLast(5)) }.sorted()
    }
}

/// Maps ids the simulator generated to the ids of the recording, learned by walking a recorded body and
/// the simulator's body side by side; timestamps are masked.
struct IDTranslator {
    private(set) var simToSample: [String: String] = [:]

    static func isUUID(_ text: String) -> Bool {
        text.count == 36 && text.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12]
    }

    static func isTimestamp(_ text: String) -> Bool {
        text.count > 19 && text.dropFirst(10).first == "T" && text.prefix(4).allSatisfy(\.isNumber)
    }

    mutating func learn(sample: SimJSON?, sim: SimJSON?) {
        switch (sample, sim) {
        case (.string(let a)?, .string(let b)?) where Self.isUUID(a) && Self.isUUID(b) && simToSample[b] == nil:
            simToSample[b] = a
        case (.array(let a)?, .array(let b)?):
            for (x, y) in zip(a, b) { learn(sample: x, sim: y) }
        case (.object(let a)?, .object(_)?):
            for (key, value) in a { learn(sample: value, sim: sim?[key]) }
        default: break
        }
    }

    /// The recorded-world spelling of a simulator value.
    func toSample(_ value: SimJSON) -> SimJSON {
        switch value {
        case .string(let text):
            if Self.isTimestamp(text) { return "<timestamp>" }
            return .string(simToSample[text] ?? text)
        case .array(let items): return .array(items.map(toSample))
        case .object(let pairs): return .object(pairs.map { ($0.0, toSample($0.1)) })
        default: return value
        }
    }

    /// The simulator spelling of a recorded path or body.
    func toSim(_ text: String) -> String {
        simToSample.reduce(text) { $0.replacingOccurrences(of: $1.value, with: $1.key) }
    }

    func toSim(_ value: SimJSON) -> SimJSON {
        switch value {
        case .string(let text): return .string(toSim(text))
        case .array(let items): return .array(items.map(toSim))
        case .object(let pairs): return .object(pairs.map { ($0.0, toSim($0.1)) })
        default: return value
        }
    }

    static func masked(_ value: SimJSON) -> SimJSON { IDTranslator().toSample(value) }
}
