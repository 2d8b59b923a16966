/// Which characters become character references when text is written into HTML: `&` always, the others
/// as chosen. The presets are the serialisations BoardSync has to match or produce:
/// - ``text`` and ``attribute``: html5ever's serialiser (Plane's sanitiser, nh3): text escapes `& < >`,
///   attribute values `& "`, and both write U+00A0 as `&nbsp;`. BoardSync renders descriptions the way
///   Plane stores them and the Plane simulator answers the way Plane does, so both use these.
/// - ``markup``: `& < > " '`, safe anywhere in a page (text or a quoted attribute) — the conflict reports.
///
/// One escaper for SyncCore, SyncReports and the simulator, in this dependency-free module so that the
/// simulator, which stands in for Plane, does not depend on the sync code it is used to test.
public struct HTMLEscaping: OptionSet, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `<` as `&lt;` and `>` as `&gt;`.
    public static let angleBrackets = HTMLEscaping(rawValue: 1 << 0)
    /// `"` as `&quot;`.
    public static let doubleQuote = HTMLEscaping(rawValue: 1 << 1)
    /// `'` as `&#39;`.
    public static let singleQuote = HTMLEscaping(rawValue: 1 << 2)
    /// U+00A0 as `&nbsp;`.
    public static let noBreakSpace = HTMLEscaping(rawValue: 1 << 3)

    /// Text between tags as html5ever writes it: `& < >` and U+00A0.
    public static let text: HTMLEscaping = [.angleBrackets, .noBreakSpace]
    /// A double-quoted attribute value as html5ever writes it: `& "` and U+00A0.
    public static let attribute: HTMLEscaping = [.doubleQuote, .noBreakSpace]
    /// `& < > " '`: safe as text and as any quoted attribute value.
    public static let markup: HTMLEscaping = [.angleBrackets, .doubleQuote, .singleQuote]

    /// `text` with its characters escaped.
    public func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        escape(utf8: text.utf8, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 `bytes` to `out`, escaped (the byte-level form for writers that build UTF-8).
    /// Inlinable: it runs once per byte of every description, and across the module boundary an
    /// unspecialised generic walks the sequence through its witness table (a full plan took 2.5 times as long).
    @inlinable
    public func escape(utf8 bytes: some Sequence<UInt8>, into out: inout [UInt8]) {
        let angles = contains(.angleBrackets)
        let double = contains(.doubleQuote)
        let single = contains(.singleQuote)
        let noBreak = contains(.noBreakSpace)
        var previous: UInt8 = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: Self.amp)
            case UInt8(ascii: "<") where angles: out.append(contentsOf: Self.lt)
            case UInt8(ascii: ">") where angles: out.append(contentsOf: Self.gt)
            case UInt8(ascii: "\"") where double: out.append(contentsOf: Self.quot)
            case UInt8(ascii: "'") where single: out.append(contentsOf: Self.apos)
            case 0xA0 where noBreak && previous == 0xC2:
                // U+00A0 is C2 A0 in UTF-8; the lead byte is already written.
                out.removeLast()
                out.append(contentsOf: Self.nbsp)
            default: out.append(byte)
            }
            previous = byte
        }
    }

    @usableFromInline static let amp = Array("&amp;".utf8)
    @usableFromInline static let lt = Array("&lt;".utf8)
    @usableFromInline static let gt = Array("&gt;".utf8)
    @usableFromInline static let quot = Array("&quot;".utf8)
    @usableFromInline static let apos = Array("&#39;".utf8)
    @usableFromInline static let nbsp = Array("&nbsp;".utf8)
}
