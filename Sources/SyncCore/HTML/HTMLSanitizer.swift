/// An allow-list HTML sanitiser for rendered descriptions, writing HTML in the shape Plane's editor stores.
///
/// Keeps the elements Markdown produces that Plane's editor can show, with only safe attributes: links
/// (`href`, `title`), images (`src`, `alt`, `title`), a code block's `language-*` class, an ordered list's
/// `start`, tables (`thead`/`tbody`/`tr`/`th`/`td`; alignment is dropped, as Plane drops it). GFM task
/// lists become Plane's task lists (``TaskLists``). `<del>` becomes `<s>` (the editor's strike mark).
/// Drops `<script>`, `<style>` and similar with their content; drops every other tag but keeps its text;
/// drops `href`/`src` values with a scheme other than http, https, mailto or tel (so `javascript:`,
/// `data:`, `vbscript:` never survive). Whitespace between blocks (cmark-gfm's line breaks) is removed,
/// outside `<pre>`. End tags are balanced, so the output is well formed. Works on UTF-8 bytes.
public enum HTMLSanitizer {
    static let allowedElements: Set<String> = [
        "p", "br", "strong", "b", "em", "i", "u", "del", "s", "strike", "code", "pre", "blockquote", "ul", "ol", "li",
        "h1", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "hr", "img",
    ]
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "textarea", "title",
        "head", "xmp", "noembed", "noframes", "plaintext",
    ]
    /// Kept elements at whose edges whitespace means nothing (blocks, and `<br>`): it is trimmed there.
    static let whitespaceBoundaries: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "pre", "blockquote", "table", "thead", "tbody",
        "tfoot", "tr", "th", "td", "hr", "br",
    ]
    /// Blocks that end an implicit paragraph.
    static let blockElements: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "pre", "blockquote", "table", "hr",
    ]
    /// Inline elements: at the top level or in a task item, they go into an implicit paragraph.
    static let inlineElements: Set<String> = [
        "br", "strong", "b", "em", "i", "u", "s", "strike", "code", "a", "img",
    ]
    /// Renamed on the way through: the editor's own names.
    static let renamed: [String: String] = ["del": "s", "tfoot": "tbody"]

    /// The sanitised form of `html`; deterministic.
    public static func sanitize(_ html: String) -> String {
        let (bytes, pieces) = HTMLLexer.pieces(html)
        return bytes.withUnsafeBufferPointer { buffer in
            var run = Run(bytes: buffer, pieces: pieces)
            return run.write()
        }
    }

    /// True when a URL is safe to keep: relative, or http, https, mailto or tel.
    public static func isSafeURL(_ url: String) -> Bool {
        let compact = String(url.unicodeScalars.filter { $0.value > 0x20 && $0 != "\u{7F}" }).lowercased()
        guard let colon = compact.firstIndex(of: ":") else { return true }
        let scheme = compact[..<colon]
        if scheme.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return true }
        return scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel"
    }

    static func safeAttributes(_ element: String, _ attributes: [HTMLAttribute]) -> [HTMLAttribute] {
        guard !attributes.isEmpty else { return [] }
        return attributes.compactMap { attribute in
            guard let value = attribute.value else { return nil }
            switch (element, attribute.name) {
            case ("a", "href"), ("img", "src"):
                return isSafeURL(value) ? attribute : nil
            case ("a", "title"), ("img", "alt"), ("img", "title"):
                return attribute
            case ("code", "class"):
                return value.hasPrefix("language-") && value.allSatisfy(isClassCharacter) ? attribute : nil
            case ("ol", "start"):
                return !value.isEmpty && value.count < 10 && value.allSatisfy({ $0.isASCII && $0.isNumber })
                    ? attribute : nil
            default:
                return nil
            }
        }
    }

    private static func isClassCharacter(_ char: Character) -> Bool {
        char.isASCII && (char.isLetter || char.isNumber || char == "-" || char == "_" || char == "+")
    }

    /// One sanitising pass over the pieces of a fragment.
    private struct Run {
        struct Open {
            var name: String
            /// A task item: its content goes into `<div>`, inline runs into an implicit `<p>`.
            var taskItem = false
            /// A `<p>` the sanitiser opened around inline content at the top level or in a task item, or a
            /// `<tbody>` around rows straight in a table.
            var implicit = false
        }

        let bytes: UnsafeBufferPointer<UInt8>
        let pieces: [HTMLPiece]
        let tasks: TaskLists
        var out: HTMLOutput
        var open: [Open] = []
        var preDepth = 0
        /// Decoded text not written yet: the text between two written tags, whatever was dropped between.
        var pending: [UInt8] = []
        /// The last thing written is a boundary (or nothing was written yet): whitespace after it means nothing.
        var afterBoundary = true

        init(bytes: UnsafeBufferPointer<UInt8>, pieces: [HTMLPiece]) {
            self.bytes = bytes
            self.pieces = pieces
            self.tasks = TaskLists(pieces, bytes: bytes)
            self.out = HTMLOutput(capacity: bytes.count, escapingAngleBrackets: true)
        }

        mutating func write() -> String {
            var index = 0
            while index < pieces.count {
                let piece = pieces[index]
                switch piece.kind {
                case .text:
                    let slice = UnsafeBufferPointer(rebasing: bytes[piece.text])
                    if slice.contains(UInt8(ascii: "&")) {
                        HTMLEntities.append(slice, to: &pending, inAttribute: false)
                    } else {
                        pending.append(contentsOf: slice)
                    }
                case .start:
                    if droppedWithContent.contains(piece.name) {
                        index = skipContent(from: index)
                        continue
                    }
                    start(piece, at: index)
                case .end: end(piece.name)
                case .other: break
                }
                index += 1
            }
            flushText(beforeBoundary: true)
            while !open.isEmpty { close(open.removeLast()) }
            return out.string
        }

        /// The index after the end tag that closes the dropped element at `index` (nested ones counted).
        private func skipContent(from index: Int) -> Int {
            let name = pieces[index].name
            guard !pieces[index].selfClosing else { return index + 1 }
            var depth = 1
            var cursor = index + 1
            while cursor < pieces.count {
                let piece = pieces[cursor]
                if piece.kind == .start, piece.name == name, !piece.selfClosing { depth += 1 }
                if piece.kind == .end, piece.name == name {
                    depth -= 1
                    if depth == 0 { return cursor + 1 }
                }
                cursor += 1
            }
            return cursor
        }

        /// Writes the pending text, trimmed where it touches a boundary (outside `<pre>`).
        private mutating func flushText(beforeBoundary: Bool) {
            guard !pending.isEmpty else { return }
            var range = pending.startIndex..<pending.endIndex
            if preDepth == 0 {
                if afterBoundary {
                    while !range.isEmpty, HTMLLexer.isSpace(pending[range.lowerBound]) { range = range.dropFirst() }
                }
                if beforeBoundary {
                    while !range.isEmpty, HTMLLexer.isSpace(pending[range.upperBound - 1]) { range = range.dropLast() }
                }
            }
            if !range.isEmpty {
                openImplicitParagraph()
                out.text(pending[range])
                afterBoundary = false
            }
            pending.removeAll(keepingCapacity: true)
        }

        /// Before a written tag: the pending text, then whether whitespace after the tag means nothing.
        private mutating func writing(boundary: Bool) {
            flushText(beforeBoundary: boundary)
            afterBoundary = boundary
        }

        private mutating func start(_ piece: HTMLPiece, at index: Int) {
            if let checkbox = tasks.checkboxes[index] {
                // A GFM task item's checkbox: Plane's markup when the whole list is tasks, else its Markdown.
                writing(boundary: true)
                if !checkbox.inTaskList {
                    openImplicitParagraph()
                    out.raw(checkbox.checked ? "[x] " : "[ ] ")
                }
                return
            }
            guard allowedElements.contains(piece.name) else { return }
            let name = renamed[piece.name] ?? piece.name
            writing(boundary: whitespaceBoundaries.contains(name))
            if blockElements.contains(name) {
                closeImplicitParagraph()
            } else if inlineElements.contains(name) {
                openImplicitParagraph()
            }
            if name == "ul", tasks.lists.contains(index) {
                out.raw("<ul data-type=\"taskList\">")
            } else if name == "li", let checked = tasks.items[index] {
                out.raw(
                    checked
                        ? "<li data-checked=\"true\" data-type=\"taskItem\">"
                        : "<li data-checked=\"false\" data-type=\"taskItem\">")
                out.raw(checked ? "<label><input type=\"checkbox\" checked=\"\">" : "<label><input type=\"checkbox\">")
                out.raw("<span></span></label><div>")
                open.append(Open(name: name, taskItem: true))
                return
            } else {
                // A row straight in a table gets the `<tbody>` an HTML parser (Plane's) would give it.
                if name == "tr", open.last?.name == "table" {
                    out.raw("<tbody>")
                    open.append(Open(name: "tbody", implicit: true))
                } else if name == "thead" || name == "tbody", let last = open.last, last.implicit, last.name == "tbody"
                {
                    close(open.removeLast())
                }
                out.startTag(name, safeAttributes(name, piece.attributes))
            }
            if htmlVoidElements.contains(name) { return }
            if piece.selfClosing {
                out.endTag(name)
                return
            }
            open.append(Open(name: name))
            if name == "pre" { preDepth += 1 }
        }

        private mutating func end(_ rawName: String) {
            let name = renamed[rawName] ?? rawName
            guard allowedElements.contains(rawName), let index = open.lastIndex(where: { $0.name == name }) else {
                return
            }
            writing(boundary: whitespaceBoundaries.contains(name))
            while open.count > index { close(open.removeLast()) }
        }

        private mutating func close(_ element: Open) {
            if element.name == "pre" { preDepth -= 1 }
            if element.taskItem {
                out.raw("</div></li>")
            } else {
                out.endTag(element.name)
            }
        }

        /// Inline content at the top level or directly in a task item goes into a paragraph, as Plane's editor
        /// keeps it (raw HTML blocks leave text outside any paragraph).
        private mutating func openImplicitParagraph() {
            guard open.isEmpty || open.last?.taskItem == true else { return }
            out.raw("<p>")
            open.append(Open(name: "p", implicit: true))
        }

        private mutating func closeImplicitParagraph() {
            guard let last = open.last, last.implicit, last.name == "p" else { return }
            close(open.removeLast())
        }
    }
}
