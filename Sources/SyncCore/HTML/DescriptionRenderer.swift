import Foundation
import Synchronization

/// Board Markdown → the `description_html` BoardSync sends: cmark-gfm (``CommonMark``, GFM's table,
/// strikethrough, autolink, tasklist and tagfilter extensions, soft line breaks as spaces), then
/// ``HTMLSanitizer``, then the back-link footer. An empty description becomes `<p></p>` (Plane rejects `""`).
///
/// Runs cmark-gfm, a C library: async callers run it on a thread of their own, not the cooperative pool.
public struct DescriptionRenderer: Sendable {
    /// Bump whenever the output for the same input changes; it is part of the input fingerprint.
    /// 1: Ink 0.6 (until this renderer). 2: cmark-gfm 0.29 with GFM, Plane's task lists, `start`, entities.
    public static let version = 2

    public var backlinkTemplate: String?

    public init(backlinkTemplate: String?) {
        self.backlinkTemplate = backlinkTemplate
    }

    /// The HTML for `markdown`, with the back-link of `id` in `projectId` appended.
    public func render(markdown: String?, id: BoardItemID, projectId: String) -> String {
        var html = ""
        if let markdown, !markdown.isBlank {
            html = Self.bodyHTML(markdown)
        }
        if let footer = backlinkFooter(id: id, projectId: projectId) { html += footer }
        return html.isEmpty ? "<p></p>" : html
    }

    /// The sanitised HTML of a description's Markdown, without the footer.
    static func bodyHTML(_ markdown: String) -> String {
        let source = hasNUL(markdown) ? String(markdown.unicodeScalars.filter { $0 != "\u{0}" }) : markdown
        return HTMLSanitizer.sanitize(
            CommonMark.html(source, extensions: .descriptions, softBreaksAsSpaces: true))
    }

    /// Whether the text holds a NUL: `memchr` over a native string's bytes (the generic `utf8.contains` was 2%
    /// of a full plan), the generic scan for a bridged one.
    static func hasNUL(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0, bytes.count) != nil
        } ?? text.utf8.contains(0)
    }

    /// The footer paragraph: a bare URL template becomes "Mirrored from <a>Nexus board</a>"; any other
    /// template is rendered as one line of Markdown (without the autolink extension: a bare URL in it stays
    /// text, as the first renderer left it, so the upgrade does not rewrite every item for its footer;
    /// `<https://…>` or `[text](https://…)` make a link). Placeholder values are percent-encoded.
    public func backlinkFooter(id: BoardItemID, projectId: String) -> String? {
        guard let template = backlinkTemplate else { return nil }
        let values = (id: Self.percentEncode(id.externalId), project: Self.percentEncode(projectId))
        switch FooterTemplate.rendered(template) {
        case .none:
            return nil
        case .substituting(let parts) where Self.substitutable(values.id) && Self.substitutable(values.project):
            var footer = ""
            footer.reserveCapacity(parts.reduce(0) { $0 + $1.text.utf8.count } + 64)
            for part in parts {
                switch part {
                case .text(let text): footer += text
                case .id: footer += values.id
                case .project: footer += values.project
                }
            }
            return footer
        case .substituting, .perItem:
            let trimmed = template.trimmingCharacters(in: .whitespacesAndNewlines)
            return FooterTemplate.render(
                trimmed.replacingOccurrences(of: "{id}", with: values.id)
                    .replacingOccurrences(of: "{project_id}", with: values.project))
        }
    }

    /// A value that reads the same in any place of a Markdown line as the marker it replaces.
    private static func substitutable(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.allSatisfy { HTMLLexer.isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// RFC 3986 unreserved characters kept, everything else `%XX` (UTF-8).
    static func percentEncode(_ text: String) -> String {
        // Byte by byte, RFC 3986's unreserved ASCII kept: asking each byte's `Character` for its Unicode
        // properties was 8% of a full plan (the footer is encoded for every item).
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}

/// A back-link template rendered once, with markers where `{id}` and `{project_id}` go; kept per template
/// for the process (a plan renders the same footer for every item).
enum FooterTemplate: Sendable {
    /// No footer (no template, or a blank one).
    case none
    /// The footer's HTML cut at the markers, to put plain values between.
    case substituting([Part])
    /// A placeholder where Markdown could read its value as markup (the line's start, after `&`): each
    /// footer is rendered with its values.
    case perItem

    /// A piece of a rendered footer: its own text, or where a value goes.
    enum Part: Sendable {
        case text(String)
        case id
        case project

        var text: String {
            if case .text(let text) = self { return text }
            return ""
        }
    }

    static let idMarker = "BoardSyncIdMarker"
    static let projectMarker = "BoardSyncProjectMarker"

    private static let cache = Mutex<[String: FooterTemplate]>([:])

    static func rendered(_ template: String) -> FooterTemplate {
        if let known = cache.withLock({ $0[template] }) { return known }
        let made = make(template)
        cache.withLock { cached in
            if cached.count > 64 { cached.removeAll() }
            cached[template] = made
        }
        return made
    }

    private static func make(_ template: String) -> FooterTemplate {
        let trimmed = template.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return .none }
        if trimmed.hasPrefix("{") || trimmed.contains("&{") || trimmed.contains("\n{") { return .perItem }
        let marked = trimmed.replacingOccurrences(of: "{id}", with: idMarker)
            .replacingOccurrences(of: "{project_id}", with: projectMarker)
        var parts: [Part] = []
        var rest = Substring(render(marked))
        while let marker = [(idMarker, Part.id), (projectMarker, Part.project)].compactMap({ marker, part in
            rest.range(of: marker).map { ($0, part) }
        }).min(by: { $0.0.lowerBound < $1.0.lowerBound }) {
            parts.append(.text(String(rest[..<marker.0.lowerBound])))
            parts.append(marker.1)
            rest = rest[marker.0.upperBound...]
        }
        parts.append(.text(String(rest)))
        return .substituting(parts)
    }

    /// One footer paragraph from an expanded template.
    static func render(_ expanded: String) -> String {
        if !expanded.contains(" "), expanded.hasPrefix("http://") || expanded.hasPrefix("https://") {
            var out = HTMLOutput(capacity: expanded.utf8.count + 48)
            out.raw("<p>Mirrored from ")
            out.startTag("a", [HTMLAttribute(name: "href", value: expanded)])
            out.raw("Nexus board</a></p>")
            return out.string
        }
        let line = HTMLSanitizer.sanitize(
            CommonMark.html(
                expanded.replacingOccurrences(of: "\n", with: " "), extensions: [.strikethrough, .tagfilter],
                softBreaksAsSpaces: true))
        return line.hasPrefix("<p>") ? line : "<p>" + line + "</p>"
    }
}
