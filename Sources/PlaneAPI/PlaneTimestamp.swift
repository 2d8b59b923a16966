/// A Plane datetime (`created_at`, `updated_at`, …) kept at Plane's own precision: microseconds.
///
/// Plane renders datetimes in the token owner's profile timezone (`Z`, `+05:30`, …) and prints
/// fractional seconds only when they are not zero (Python's `isoformat`). A `Date` (a `Double`)
/// cannot hold 2026's microseconds exactly, so this type keeps an integer count of microseconds
/// since the Unix epoch plus the UTC offset it was written with. ``description`` prints the same
/// form Plane sent, so a watermark read from Plane and stored as text round-trips unchanged.
///
/// Equality, hashing and ordering use the instant only: `10:00:00+02:00` equals `08:00:00Z`.
public struct PlaneTimestamp: Sendable, Hashable, Comparable, PlaneStringCoding {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public let microsecondsSinceEpoch: Int64
    /// The offset from UTC, in seconds, this timestamp is printed with (`0` prints as `Z`).
    public let utcOffsetSeconds: Int

    public init(microsecondsSinceEpoch: Int64, utcOffsetSeconds: Int = 0) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.f…]` followed by `Z`, `±HH:MM`, `±HHMM` or `±HH`.
    ///
    /// Up to six fraction digits are kept exactly; more are truncated to microseconds.
    /// Returns `nil` for anything else (no offset, out-of-range fields, trailing text).
    public init?(_ text: String) {
        var parser = TimestampParser(Array(text.utf8))
        guard let parsed = parser.parse() else { return nil }
        self = parsed
    }

    /// The same instant printed with another UTC offset.
    public func withUTCOffset(seconds: Int) -> PlaneTimestamp {
        PlaneTimestamp(microsecondsSinceEpoch: microsecondsSinceEpoch, utcOffsetSeconds: seconds)
    }

    /// ISO 8601 as Plane prints it: microseconds only when not zero, `Z` for UTC.
    public var description: String {
        let local = microsecondsSinceEpoch + Int64(utcOffsetSeconds) * 1_000_000
        let (seconds, micros) = floorDivide(local, 1_000_000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let date = PlaneDate(daysSinceEpoch: days)
        var text = date.description + "T"
        text += pad(Int(secondOfDay / 3600), 2) + ":" + pad(Int(secondOfDay / 60 % 60), 2)
        text += ":" + pad(Int(secondOfDay % 60), 2)
        if micros != 0 { text += "." + pad(Int(micros), 6) }
        if utcOffsetSeconds == 0 { return text + "Z" }
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        let magnitude = abs(utcOffsetSeconds)
        return text + sign + pad(magnitude / 3600, 2) + ":" + pad(magnitude / 60 % 60, 2)
    }

    public static func < (lhs: PlaneTimestamp, rhs: PlaneTimestamp) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }

    public static func == (lhs: PlaneTimestamp, rhs: PlaneTimestamp) -> Bool {
        lhs.microsecondsSinceEpoch == rhs.microsecondsSinceEpoch
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(microsecondsSinceEpoch)
    }

    /// For ``PlaneStringCoding``'s decoding error.
    public static let expectedFormat = "an ISO 8601 datetime with offset"
}

func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
    var quotient = value / divisor
    var remainder = value % divisor
    if remainder < 0 {
        quotient -= 1
        remainder += divisor
    }
    return (quotient, remainder)
}

func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// A hand-written scanner: exact, allocation-light and independent of the locale and of Foundation.
private struct TimestampParser {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func parse() -> PlaneTimestamp? {
        guard let date = PlaneDate(bytes: bytes.prefix(10)) else { return nil }
        index = 10
        guard expect(UInt8(ascii: "T")) || expect(UInt8(ascii: " ")) else { return nil }
        guard let hour = number(2), expect(UInt8(ascii: ":")), let minute = number(2),
            expect(UInt8(ascii: ":")), let second = number(2),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var micros = 0
        if expect(UInt8(ascii: ".")) {
            var digits = 0
            while index < bytes.count, let digit = digit(bytes[index]) {
                if digits < 6 { micros = micros * 10 + digit }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        guard let offset = offsetSeconds(), index == bytes.count else { return nil }
        let localSeconds = date.daysSinceEpoch * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        let utcMicros = (localSeconds - Int64(offset)) * 1_000_000 + Int64(micros)
        return PlaneTimestamp(microsecondsSinceEpoch: utcMicros, utcOffsetSeconds: offset)
    }

    private mutating func offsetSeconds() -> Int? {
        if expect(UInt8(ascii: "Z")) || expect(UInt8(ascii: "z")) { return 0 }
        let sign: Int
        if expect(UInt8(ascii: "+")) {
            sign = 1
        } else if expect(UInt8(ascii: "-")) {
            sign = -1
        } else {
            return nil
        }
        guard let hours = number(2), hours < 24 else { return nil }
        var minutes = 0
        if index < bytes.count {
            _ = expect(UInt8(ascii: ":"))
            guard let parsed = number(2), parsed < 60 else { return nil }
            minutes = parsed
        }
        return sign * (hours * 3600 + minutes * 60)
    }

    private mutating func expect(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func number(_ width: Int) -> Int? {
        guard index + width <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<width {
            guard let digit = digit(bytes[index + offset]) else { return nil }
            value = value * 10 + digit
        }
        index += width
        return value
    }

    private func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
