import Foundation

/// Durations as people write them on the command line: `500ms`, `30s`, `5m`, `1h`, `1d`, `1h30m`, or plain seconds.
public enum DurationText {
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty else { return nil }
        if let seconds = Double(trimmed), seconds >= 0 { return .milliseconds(Int64(seconds * 1000)) }
        var total = Duration.zero
        var number = ""
        var unit = ""
        func flush() -> Bool {
            guard let value = Double(number), value >= 0 else { return false }
            let milliseconds: Double
            switch unit {
            case "ms": milliseconds = value
            case "s": milliseconds = value * 1000
            case "m": milliseconds = value * 60_000
            case "h": milliseconds = value * 3_600_000
            case "d": milliseconds = value * 86_400_000
            default: return false
            }
            total += .milliseconds(Int64(milliseconds))
            number = ""
            unit = ""
            return true
        }
        for character in trimmed {
            if character.isNumber || character == "." {
                if !unit.isEmpty, !flush() { return nil }
                number.append(character)
            } else {
                unit.append(character)
            }
        }
        guard flush() else { return nil }
        return total
    }
}
