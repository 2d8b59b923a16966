import Foundation
import Synchronization

/// A 12-byte MongoDB ObjectId.
public struct BSONObjectId: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 12 bytes, big-endian timestamp first, as the server orders them.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        precondition(bytes.count == 12, "an ObjectId is 12 bytes")
        self.bytes = bytes
    }

    /// Parses 24 hexadecimal characters; `nil` for anything else.
    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 24 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 12)
        for index in 0..<12 {
            guard let high = Self.nibble(utf8[2 * index]), let low = Self.nibble(utf8[2 * index + 1]) else {
                return nil
            }
            bytes[index] = high << 4 | low
        }
        self.bytes = bytes
    }

    /// A new id: the current time, this process's random value and a counter, as the drivers make them.
    public init() {
        var bytes = [UInt8](repeating: 0, count: 12)
        let seconds = UInt32(truncatingIfNeeded: Int(Date().timeIntervalSince1970))
        for index in 0..<4 { bytes[index] = UInt8(truncatingIfNeeded: seconds >> (24 - 8 * index)) }
        for index in 0..<5 { bytes[4 + index] = Self.processUnique[index] }
        let count = Self.counter.add(1, ordering: .relaxed).newValue
        for index in 0..<3 { bytes[9 + index] = UInt8(truncatingIfNeeded: count >> (16 - 8 * index)) }
        self.bytes = bytes
    }

    /// The 24 lowercase hexadecimal characters: the form Plane's `external_id` carries.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(24)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }

    /// When the id was made, to the second.
    public var timestamp: Date {
        let seconds = bytes[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return Date(timeIntervalSince1970: Double(seconds))
    }

    public static func < (lhs: BSONObjectId, rhs: BSONObjectId) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static let processUnique: [UInt8] = (0..<5).map { _ in UInt8.random(in: 0...255) }
    private static let counter = Atomic<UInt32>(UInt32.random(in: 0...0xFF_FFFF))
}
