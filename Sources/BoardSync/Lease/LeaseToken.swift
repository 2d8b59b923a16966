/// Fencing tokens: a new random one for every acquisition, so writes of two acquisitions (even by the
/// same process) can be told apart.
public enum LeaseToken {
    /// 128 random bits as 32 hex digits.
    public static func random<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return hex(high) + hex(low)
    }

    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
