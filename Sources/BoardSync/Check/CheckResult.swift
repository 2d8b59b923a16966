/// One line of `boardsync check`: what was checked, what was found and, when it is not fine, what to do.
public struct CheckResult: Sendable, Codable, Equatable {
    public enum Outcome: String, Sendable, Codable {
        /// `info`: something worth knowing that is neither fine nor wrong (a feature not set up).
        case pass, info, warning, fail

        /// The mark the terminal shows: ✓, ℹ, ⚠ or ✗.
        public var mark: String {
            switch self {
            case .pass: "✓"
            case .info: "ℹ"
            case .warning: "⚠"
            case .fail: "✗"
            }
        }
    }

    public var outcome: Outcome
    /// What was checked, e.g. `MongoDB reachable` or `API key`.
    public var check: String
    /// The integration concerned, if any.
    public var integration: String?
    /// What was found (never a key, a password or a whole document).
    public var detail: String
    /// What to do about a failure or a warning.
    public var remedy: String?
    /// The webhook line's facts, for `--json` readers (the receiver's path and URL, the events to tick).
    public var webhook: WebhookSetup?

    public init(
        _ outcome: Outcome, _ check: String, integration: String? = nil, _ detail: String, remedy: String? = nil
    ) {
        self.outcome = outcome
        self.check = check
        self.integration = integration
        self.detail = detail
        self.remedy = remedy
    }

    /// `✓ plane-acme: API key: accepted ...`, with the remedy on an indented line after it.
    public var text: String {
        let subject = integration.map { "\($0): \(check)" } ?? check
        var line = "\(outcome.mark) \(subject): \(detail)"
        if let remedy { line += "\n    → \(remedy)" }
        return line
    }
}

/// Every line of a `boardsync check` run.
public struct CheckReport: Sendable, Encodable, Equatable {
    public var results: [CheckResult] = []

    public init(results: [CheckResult] = []) {
        self.results = results
    }

    public var failures: [CheckResult] { results.filter { $0.outcome == .fail } }
    public var warnings: [CheckResult] { results.filter { $0.outcome == .warning } }
    /// No ✗ (warnings allowed).
    public var passed: Bool { failures.isEmpty }

    mutating func add(_ result: CheckResult) {
        results.append(result)
    }

    /// The lines as the terminal shows them, and a last line with the counts.
    public var text: String {
        let lines = results.map(\.text)
        let verdict =
            passed
            ? "All checks passed (\(warnings.count) warning\(warnings.count == 1 ? "" : "s"))."
            : "\(failures.count) check\(failures.count == 1 ? "" : "s") failed, \(warnings.count) warning"
                + "\(warnings.count == 1 ? "" : "s")."
        return (lines + [verdict]).joined(separator: "\n")
    }

    enum CodingKeys: String, CodingKey {
        case passed, failures, warnings, checks
    }

    /// `{"passed": false, "failures": 1, "warnings": 0, "checks": [...]}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(passed, forKey: .passed)
        try container.encode(failures.count, forKey: .failures)
        try container.encode(warnings.count, forKey: .warnings)
        try container.encode(results, forKey: .checks)
    }
}
