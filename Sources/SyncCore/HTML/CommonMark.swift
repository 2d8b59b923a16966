import CCmarkGFM
import Foundation
import Synchronization

/// The Markdown step of a description: GitHub's cmark-gfm (CommonMark 0.29 + GFM), as a function of values.
///
/// A C library's call, synchronous and CPU-bound: callers in async code run it on a thread of their own
/// (BoardSync's `OwnThread`), never on Swift's cooperative pool. Raw HTML is passed through
/// (`CMARK_OPT_UNSAFE`): ``HTMLSanitizer`` decides what of it survives, and the tagfilter extension turns
/// the tags GFM forbids (`<script>`, `<style>`, `<iframe>`, …) into text first.
public enum CommonMark {
    /// GFM's extensions, by cmark-gfm's names; footnotes are a parser option there, not an extension.
    public struct Extensions: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        public static let table = Extensions(rawValue: 1 << 0)
        public static let strikethrough = Extensions(rawValue: 1 << 1)
        public static let autolink = Extensions(rawValue: 1 << 2)
        public static let tasklist = Extensions(rawValue: 1 << 3)
        public static let tagfilter = Extensions(rawValue: 1 << 4)
        public static let footnotes = Extensions(rawValue: 1 << 5)

        /// What descriptions are rendered with: GFM as GitHub shows it, less footnotes (Plane cannot show them).
        public static let descriptions: Extensions = [.table, .strikethrough, .autolink, .tasklist, .tagfilter]

        /// The extension for a name of the spec files (`table`, `strikethrough`, `autolink`, `tagfilter`,
        /// `tasklist`, `footnotes`).
        public init?(name: String) {
            guard let known = Self.names.first(where: { $0.name == name }) else { return nil }
            self = known.extension
        }

        static let names: [(name: String, extension: Extensions)] = [
            ("table", .table), ("strikethrough", .strikethrough), ("autolink", .autolink), ("tasklist", .tasklist),
            ("tagfilter", .tagfilter), ("footnotes", .footnotes),
        ]
    }

    /// HTML for `markdown`, as cmark-gfm renders it (one block per line, raw HTML kept).
    /// `softBreaksAsSpaces` renders a soft line break as a space instead of a newline (`CMARK_OPT_NOBREAKS`).
    public static func html(_ markdown: String, extensions: Extensions, softBreaksAsSpaces: Bool = false) -> String {
        registered.touch()
        // cmark-gfm 0.29 keeps the inline parser's special characters in one global table that attaching
        // and freeing a parser's extensions changes (`~` comes and goes with strikethrough): parsers on
        // two threads at once break each other's output. One at a time, process-wide.
        return lock.withLock { _ in render(markdown, extensions: extensions, softBreaksAsSpaces: softBreaksAsSpaces) }
    }

    private static let lock = Mutex<Void>(())

    private static func render(_ markdown: String, extensions: Extensions, softBreaksAsSpaces: Bool) -> String {
        var options = CMARK_OPT_UNSAFE
        if softBreaksAsSpaces { options |= CMARK_OPT_NOBREAKS }
        if extensions.contains(.footnotes) { options |= CMARK_OPT_FOOTNOTES }
        guard let parser = cmark_parser_new(options) else { preconditionFailure("cmark-gfm: out of memory") }
        defer { cmark_parser_free(parser) }
        for (name, wanted) in Extensions.names where wanted != .footnotes && extensions.contains(wanted) {
            guard let syntax = cmark_find_syntax_extension(name) else {
                preconditionFailure("cmark-gfm has no \(name) extension")  // the Debian package always has it
            }
            cmark_parser_attach_syntax_extension(parser, syntax)
        }
        var source = markdown
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        guard let document = cmark_parser_finish(parser) else { preconditionFailure("cmark-gfm: out of memory") }
        defer { cmark_node_free(document) }
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            preconditionFailure("cmark-gfm: out of memory")
        }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// cmark-gfm's extension registry, filled once (its own registration is not thread-safe).
    private static let registered = Registration()

    private final class Registration: Sendable {
        init() { cmark_gfm_core_extensions_ensure_registered() }
        func touch() {}
    }
}
