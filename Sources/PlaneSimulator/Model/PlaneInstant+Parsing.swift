/// Django's `parse_datetime` (and `parse_date`, as midnight): what Plane accepts for a back-dated
/// `created_at` on create. Naive values are taken as UTC.
extension PlaneInstant {
    static func parse(_ text: String) -> PlaneInstant? {
        let trimmed = text.trimmingPythonWhitespace()
        let datePart = String(trimmed.prefix(10))
        guard let date = CivilDate.normalise(datePart), let days = CivilDate.days(date) else { return nil }
        var rest = Substring(trimmed.dropFirst(10))
        if rest.isEmpty { return PlaneInstant(microseconds: Int64(days) * 86_400_000_000) }
        guard rest.first == "T" || rest.first == " " else { return nil }
        rest = rest.dropFirst()
        var offsetSeconds = 0
        if rest.hasSuffix("Z") {
            rest = rest.dropLast()
        } else if let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            guard let zone = PlaneTimezone(String(rest[signIndex...])) else { return nil }
            offsetSeconds = zone.offsetSeconds
            rest = rest[..<signIndex]
        }
        let clock = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(clock.count), clock[0].count == 2, clock[1].count == 2, let hours = Int(clock[0]),
            let minutes = Int(clock[1]), hours < 24, minutes < 60
        else { return nil }
        var seconds = 0
        var micros = 0
        if clock.count == 3 {
            let parts = clock[2].split(separator: ".", omittingEmptySubsequences: false)
            guard parts[0].count == 2, let whole = Int(parts[0]), whole < 60, parts.count <= 2 else { return nil }
            seconds = whole
            if parts.count == 2 {
                let fraction = parts[1].prefix(6)
                guard !fraction.isEmpty, fraction.allSatisfy(\.isNumber), let value = Int(fraction) else { return nil }
                micros = value * Int(pow10(6 - fraction.count))
            }
        }
        let total = Int64(days) * 86_400 + Int64(hours * 3600 + minutes * 60 + seconds) - Int64(offsetSeconds)
        return PlaneInstant(microseconds: total * 1_000_000 + Int64(micros))
    }

    private static func pow10(_ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { value, _ in value * 10 }
    }
}

extension CivilDate {
    /// Days since 1970-01-01 of a normalised `YYYY-MM-DD`.
    static func days(_ date: String) -> Int? {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let year = parts[1] <= 2 ? parts[0] - 1 : parts[0]
        let era = (year >= 0 ? year : year - 399) / 400
        let yoe = year - era * 400
        let mp = (parts[1] + 9) % 12
        let doy = (153 * mp + 2) / 5 + parts[2] - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
