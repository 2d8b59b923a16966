import Foundation

/// A moment in microseconds since the Unix epoch: Plane stores timestamps with microsecond precision.
struct PlaneInstant: Sendable, Comparable, Hashable {
    var microseconds: Int64

    static func < (lhs: PlaneInstant, rhs: PlaneInstant) -> Bool { lhs.microseconds < rhs.microseconds }

    static var now: PlaneInstant {
        PlaneInstant(microseconds: Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()))
    }

    var epochSeconds: Double { Double(microseconds) / 1_000_000 }
}

/// A UTC offset, rendered like Python's `isoformat()` after Django REST framework turned `+00:00` into `Z`.
struct PlaneTimezone: Sendable, Equatable {
    /// Offset east of UTC in seconds.
    let offsetSeconds: Int

    /// Parses `Z`, `UTC`, `+00:00`, `+05:30`, `-0400`.
    init?(_ text: String) {
        let trimmed = text.trimmingPythonWhitespace()
        if trimmed == "Z" || trimmed.uppercased() == "UTC" {
            offsetSeconds = 0
            return
        }
        guard let sign = trimmed.first, sign == "+" || sign == "-" else { return nil }
        let digits = trimmed.dropFirst().filter { $0 != ":" }
        guard digits.count == 4, digits.allSatisfy({ $0.isASCII }), let hours = Int(digits.prefix(2)),
            let minutes = Int(digits.suffix(2)), hours < 24, minutes < 60
        else { return nil }
        offsetSeconds = (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    static let utc = PlaneTimezone("Z")!

    /// `2026-11-25T19:37:16.078709Z`, `2026-11-26T01:07:16+05:30` (microseconds omitted when zero).
    func render(_ instant: PlaneInstant) -> String {
        let shifted = instant.microseconds + Int64(offsetSeconds) * 1_000_000
        let micros = Int(((shifted % 1_000_000) + 1_000_000) % 1_000_000)
        let totalSeconds = (shifted - Int64(micros)) / 1_000_000
        let days = Int(totalSeconds >= 0 ? totalSeconds / 86_400 : (totalSeconds - 86_399) / 86_400)
        let secondOfDay = Int(totalSeconds - Int64(days) * 86_400)
        let (year, month, day) = CivilDate.fromDays(days)
        var text =
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if micros != 0 { text += ".\(pad(micros, 6))" }
        if offsetSeconds == 0 { return text + "Z" }
        let magnitude = abs(offsetSeconds)
        return text + (offsetSeconds < 0 ? "-" : "+") + "\(pad(magnitude / 3600, 2)):\(pad(magnitude / 60 % 60, 2))"
    }

    /// Today's date (`YYYY-MM-DD`) in this timezone.
    func date(_ instant: PlaneInstant) -> String {
        String(render(instant).prefix(10))
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

/// Proleptic Gregorian calendar arithmetic (days since 1970-01-01).
enum CivilDate {
    static func fromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// Parses a date the way Django's `parse_date` accepts it (`YYYY-M-D` digits), normalised to `YYYY-MM-DD`.
    static func normalise(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            isValid(year: year, month: month, day: day)
        else { return nil }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
