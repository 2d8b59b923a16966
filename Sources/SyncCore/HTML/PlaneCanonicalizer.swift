import Foundation

/// Predicts what Plane stores for a payload it is sent (docs/plane-api.md §3.3/§3.4), for the
/// comparisons that have no base: first link, adoption, links or cache lost.
///
/// HTML: `<script>`/`<style>` removed with their content, `rel="noopener noreferrer"` on every
/// link, several top-level nodes wrapped in one `<div>`, plain top-level text in a `<span>`,
/// lxml's serialisation (void elements without `/`). Fields: name trimmed, assignees kept only
/// when active members with role ≥ 15, labels kept only when the project's, and on create the
/// default state and the project's default assignee filled in when none were sent.
public struct PlaneCanonicalizer: Sendable {
    public var metadata: PlaneMetadata

    public init(metadata: PlaneMetadata) {
        self.metadata = metadata
    }

    /// What Plane would hold after receiving `values` (on create when `isCreate`, else on PATCH).
    public func canonicalize(_ values: PlaneValues, isCreate: Bool) -> PlaneValues {
        var result = values
        result.name = values.name.trimmedWhitespace
        result.descriptionHTML = Self.canonicalHTML(values.descriptionHTML)
        let projectLabels = Set(metadata.labels.map(\.id))
        result.labelIds = values.labelIds.filter { projectLabels.contains($0) }
        result.assigneeIds = values.assigneeIds.filter { metadata.member(id: $0)?.isAssignable == true }
        if isCreate {
            if result.stateId == nil { result.stateId = metadata.defaultState?.id }
            if result.assigneeIds.isEmpty, let fallback = metadata.defaultAssigneeId,
                metadata.member(id: fallback)?.isAssignable == true
            {
                result.assigneeIds = [fallback]
            }
        }
        return result
    }

    /// Plane's rewrite of `description_html`, for HTML our sanitiser wrote (within Plane's allow-list, so
    /// nh3 changes nothing but links): lxml's wrapper — one element alone stays bare (with the whitespace
    /// after it), otherwise everything goes into a `<div>` when a block tag occurs anywhere, else into a
    /// `<span>` —, `<script>`/`<style>` removed with their content, unmatched end tags dropped and open
    /// elements closed, `rel="noopener noreferrer"` last on every link, and html5ever's serialisation
    /// (``HTMLOutput``). Byte-level: it runs for every description a plan compares.
    public static func canonicalHTML(_ html: String) -> String {
        let (bytes, pieces) = HTMLLexer.pieces(html)
        return bytes.withUnsafeBufferPointer { buffer in
            var body = HTMLOutput(capacity: buffer.count + 64)
            var open: [String] = []
            var topLevelElements = 0
            var topLevelText = false
            var hasBlock = false
            var skipUntil: String?
            for piece in pieces {
                if let skipped = skipUntil {
                    if piece.kind == .end, piece.name == skipped { skipUntil = nil }
                    continue
                }
                switch piece.kind {
                case .text:
                    let slice = UnsafeBufferPointer(rebasing: buffer[piece.text])
                    if open.isEmpty, !slice.allSatisfy(HTMLLexer.isSpace) { topLevelText = true }
                    // lxml drops the whitespace before a lone top-level element.
                    if open.isEmpty, topLevelElements == 0, slice.allSatisfy(HTMLLexer.isSpace) { continue }
                    if slice.contains(UInt8(ascii: "&")) {
                        var decoded: [UInt8] = []
                        HTMLEntities.append(slice, to: &decoded, inAttribute: false)
                        body.text(decoded)
                    } else {
                        body.text(slice)
                    }
                case .start:
                    if piece.name == "script" || piece.name == "style" {
                        if !piece.selfClosing { skipUntil = piece.name }
                        continue
                    }
                    if open.isEmpty { topLevelElements += 1 }
                    if lxmlBlockTags.contains(piece.name) { hasBlock = true }
                    var attributes = piece.attributes
                    if piece.name == "a" {
                        attributes.removeAll(where: { $0.name == "rel" })
                        attributes.append(HTMLAttribute(name: "rel", value: "noopener noreferrer"))
                    }
                    body.startTag(piece.name, attributes)
                    if !htmlVoidElements.contains(piece.name) { open.append(piece.name) }
                case .end:
                    guard let index = open.lastIndex(of: piece.name) else { continue }
                    while open.count > index { body.endTag(open.removeLast()) }
                case .other:
                    continue
                }
            }
            while !open.isEmpty { body.endTag(open.removeLast()) }
            if topLevelElements == 0 && !topLevelText { return "<p></p>" }
            if topLevelElements == 1 && !topLevelText { return body.string }
            let wrapper = hasBlock ? "div" : "span"
            return "<" + wrapper + ">" + body.string + "</" + wrapper + ">"
        }
    }

    /// lxml's `defs.block_tags`: one of them anywhere makes the wrapper a `<div>`.
    static let lxmlBlockTags: Set<String> = [
        "address", "blockquote", "center", "dir", "div", "dl", "fieldset", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "hr", "isindex", "menu", "noframes", "noscript", "ol", "p", "pre", "table", "ul",
    ]
}
