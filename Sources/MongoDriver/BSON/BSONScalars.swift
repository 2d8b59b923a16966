import Foundation

/// A BSON datetime: signed milliseconds since the Unix epoch, kept exactly.
public struct BSONDateTime: Sendable, Hashable, Comparable {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// Rounds `date` to the millisecond, which is all BSON keeps.
    public init(_ date: Date) {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        self.millisecondsSinceEpoch = Int64(exactly: milliseconds) ?? (milliseconds < 0 ? .min : .max)
    }

    public var date: Date {
        Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1000)
    }

    public static func < (lhs: BSONDateTime, rhs: BSONDateTime) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}

/// BSON binary data with its subtype.
public struct BSONBinary: Sendable, Hashable {
    public var subtype: UInt8
    public var data: [UInt8]

    public init(subtype: UInt8 = 0, data: [UInt8]) {
        self.subtype = subtype
        self.data = data
    }
}

/// A decimal128 value, kept as its 16 raw little-endian bytes (BoardSync never computes with it).
public struct BSONDecimal128: Sendable, Hashable {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) {
        precondition(bytes.count == 16, "a decimal128 is 16 bytes")
        self.bytes = bytes
    }
}
