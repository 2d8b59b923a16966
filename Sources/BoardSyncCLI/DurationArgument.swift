import ArgumentParser
import BoardSync

/// A duration flag's value, as people write it: `250ms`, `90s`, `5m`, `1h30m`, `1d`, or plain seconds
/// (``DurationText``). A value that does not parse is argument-parser's usage error, which names the flag and
/// shows its help (which says what is accepted); exit 2.
struct DurationArgument: ExpressibleByArgument, Sendable, Equatable {
    let duration: Duration

    init(_ duration: Duration) { self.duration = duration }

    init?(argument: String) {
        guard let duration = DurationText.parse(argument) else { return nil }
        self.duration = duration
    }

    var defaultValueDescription: String { DurationText.format(duration) }

    /// Throws a usage error when the value is below `minimum`.
    func check(_ flag: String, atLeast minimum: Duration) throws -> Duration {
        guard duration >= minimum else {
            throw ValidationError(
                "\(flag) \(DurationText.format(duration)) is too short; it must be at least "
                    + DurationText.format(minimum))
        }
        return duration
    }
}

extension ArgumentHelp {
    /// The help of a duration flag: what it means, then the forms it takes; the value shown as `<duration>`.
    static func duration(_ text: String) -> ArgumentHelp {
        ArgumentHelp("\(text) A duration: 250ms, 90s, 5m, 1h30m, 1d, or plain seconds.", valueName: "duration")
    }
}
