import Crypto

/// Writes a fingerprint's serialisation (`key=<length>:<value>;`, nil as `key=-;`, lists as
/// `key=[<count>]<length>:<value>,…;`) into the hash through one buffer on the stack.
///
/// Hand-written rather than built from `String`s: the input fingerprint runs for every item of every plan, and
/// the temporary strings and arrays of the straightforward version (sorted labels, lowercased emails, numbers
/// as text, `"oid:" + hex`) were most of its time (issue 15, 5a); so was a growing `[UInt8]`'s check of its
/// capacity and uniqueness on every byte. The bytes must stay exactly what that version wrote, because links
/// store the hash: `FingerprintPinTests` holds digests recorded from it. How the stream is cut into buffers does
/// not change the hash. Not copyable: it points into stack memory that lives only during ``digest(_:)``.
struct FingerprintWriter: ~Copyable {
    private let buffer: UnsafeMutableRawBufferPointer
    private var count = 0
    private var hasher = SHA256()

    private init(buffer: UnsafeMutableRawBufferPointer) { self.buffer = buffer }

    /// Bytes gathered before they go to the hash (a board item's fields but its description fit).
    private static let bufferSize = 1024

    /// SHA-256 of everything `write` writes.
    static func digest(_ write: (inout FingerprintWriter) -> Void) -> SHA256.Digest {
        withUnsafeTemporaryAllocation(byteCount: bufferSize, alignment: 1) { buffer in
            var writer = FingerprintWriter(buffer: buffer)
            write(&writer)
            writer.flush()
            return writer.hasher.finalize()
        }
    }

    /// Values this long (descriptions) go to the hash straight from the string's storage, after the bytes
    /// before them: the hash sees the same stream, and the text is not copied into the buffer first.
    private static let streamedLength = 256

    private mutating func flush() {
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        count = 0
    }

    private mutating func appendByte(_ byte: UInt8) {
        if count == buffer.count { flush() }
        buffer[count] = byte
        count += 1
    }

    private mutating func appendBytes(_ bytes: UnsafeRawBufferPointer) {
        if count + bytes.count > buffer.count {
            flush()
            if bytes.count > buffer.count { return hasher.update(bufferPointer: bytes) }
        }
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        (buffer.baseAddress! + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    mutating func add(_ key: String, _ value: String?) {
        append(key)
        guard let value else { return appendNil() }
        appendByte(UInt8(ascii: "="))
        appendElement(value, terminator: UInt8(ascii: ";"))
    }

    /// `value` preceded by `prefix` as one value (`"=" + status`, `"oid:" + hex`) without building that string.
    mutating func add(_ key: String, prefix: String, _ value: String) {
        append(key)
        appendByte(UInt8(ascii: "="))
        appendDecimal(prefix.utf8.count + value.utf8.count)
        appendByte(UInt8(ascii: ":"))
        append(prefix)
        append(value)
        appendByte(UInt8(ascii: ";"))
    }

    /// A number written as `String(number)` would be.
    mutating func add(_ key: String, _ number: Int64?) {
        append(key)
        guard let number else { return appendNil() }
        appendByte(UInt8(ascii: "="))
        appendDecimal(Self.decimalLength(number))
        appendByte(UInt8(ascii: ":"))
        appendDecimal(number)
        appendByte(UInt8(ascii: ";"))
    }

    mutating func add(_ key: String, _ values: [String]?) {
        append(key)
        guard let values else { return appendNil() }
        appendListHeader(values.count)
        for value in values { appendElement(value, terminator: UInt8(ascii: ",")) }
        appendByte(UInt8(ascii: ";"))
    }

    /// The same bytes as `add(key, values?.sorted())`, without the sorted copy: positions are sorted on the
    /// stack by a stable insertion sort, which orders equal strings (canonically equivalent spellings) as the
    /// standard library's stable sort does.
    mutating func addSorted(_ key: String, _ values: [String]?) {
        guard let values, values.count <= Self.maxInPlace else { return add(key, values?.sorted()) }
        append(key)
        appendListHeader(values.count)
        withSortedPositions(values.count, by: { values[$0] < values[$1] }) { position, writer in
            writer.appendElement(values[position], terminator: UInt8(ascii: ","))
        }
        appendByte(UInt8(ascii: ";"))
    }

    /// The same bytes as `add(key, values?.map { $0.lowercased() }.sorted())`. ASCII values (nearly all email
    /// addresses) are lowercased byte by byte as they are written and compared as lowercased bytes, which is
    /// `String`'s order for ASCII; any other value takes the standard library's Unicode lowercasing and sort.
    mutating func addLowercasedSorted(_ key: String, _ values: [String]?) {
        guard let values, values.count <= Self.maxInPlace, values.allSatisfy(Self.isContiguousASCII) else {
            return add(key, values?.map { $0.lowercased() }.sorted())
        }
        append(key)
        appendListHeader(values.count)
        withSortedPositions(values.count, by: { Self.lowercasedASCIILess(values[$0], values[$1]) }) {
            position, writer in
            let value = values[position]
            writer.appendDecimal(value.utf8.count)
            writer.appendByte(UInt8(ascii: ":"))
            let written: Void? = value.utf8.withContiguousStorageIfAvailable { stored in
                for byte in stored { writer.appendByte(Self.lowercasedASCII(byte)) }
            }
            if written == nil { for byte in value.utf8 { writer.appendByte(Self.lowercasedASCII(byte)) } }
            writer.appendByte(UInt8(ascii: ","))
        }
        appendByte(UInt8(ascii: ";"))
    }

    // MARK: - Pieces

    /// Lists longer than this take the standard library's sort (a board item has a handful of labels).
    private static let maxInPlace = 64

    private mutating func append(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { appendBytes(UnsafeRawBufferPointer($0)) }
        if copied == nil { for byte in text.utf8 { appendByte(byte) } }
    }

    private mutating func appendNil() {
        appendByte(UInt8(ascii: "="))
        appendByte(UInt8(ascii: "-"))
        appendByte(UInt8(ascii: ";"))
    }

    private mutating func appendListHeader(_ count: Int) {
        appendByte(UInt8(ascii: "="))
        appendByte(UInt8(ascii: "["))
        appendDecimal(count)
        appendByte(UInt8(ascii: "]"))
    }

    private mutating func appendElement(_ value: String, terminator: UInt8) {
        appendDecimal(value.utf8.count)
        appendByte(UInt8(ascii: ":"))
        if value.utf8.count < Self.streamedLength || !stream(value) { append(value) }
        appendByte(terminator)
    }

    /// Hashes the buffer and then `value`'s bytes in place; false when the string has no contiguous UTF-8.
    private mutating func stream(_ value: String) -> Bool {
        let streamed: Void? = value.utf8.withContiguousStorageIfAvailable { stored in
            flush()
            hasher.update(bufferPointer: UnsafeRawBufferPointer(stored))
        }
        return streamed != nil
    }

    private mutating func appendDecimal(_ number: Int) { appendDecimal(Int64(number)) }

    /// Digits as `String(number)` writes them: a minus sign, then the magnitude's digits, most significant first.
    /// Divided by the constant 10 (a multiplication), least significant first onto the stack: dividing by a
    /// running power of ten was a twentieth of a no-op plan.
    private mutating func appendDecimal(_ number: Int64) {
        if number < 0 { appendByte(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        if magnitude < 10 { return appendByte(UInt8(ascii: "0") + UInt8(magnitude)) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            while magnitude > 0 {
                digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            while count > 0 {
                count -= 1
                appendByte(digits[count])
            }
        }
    }

    private static func decimalLength(_ number: Int64) -> Int {
        var magnitude = number.magnitude
        var length = number < 0 ? 2 : 1
        while magnitude >= 10 {
            magnitude /= 10
            length += 1
        }
        return length
    }

    /// Calls `body` with `0..<count` in the order `less` sorts them, equal ones in their original order.
    private mutating func withSortedPositions(
        _ count: Int, by less: (Int, Int) -> Bool, _ body: (Int, inout FingerprintWriter) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { positions in
            for index in 0..<count {
                var at = index
                while at > 0, less(index, positions[at - 1]) {
                    positions[at] = positions[at - 1]
                    at -= 1
                }
                positions[at] = index
            }
            for position in positions { body(position, &self) }
        }
    }

    private static func isContiguousASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? false
    }

    private static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    /// `lhs.lowercased() < rhs.lowercased()` for ASCII strings: `String` orders ASCII by bytes, shorter first.
    private static func lowercasedASCIILess(_ lhs: String, _ rhs: String) -> Bool {
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case (let one?, let other?):
                let (a, b) = (lowercasedASCII(one), lowercasedASCII(other))
                if a != b { return a < b }
            }
        }
    }
}
