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

    /// Plane's rewrite of `description_html`.
    public static func canonicalHTML(_ html: String) -> String {
        var body = ""
        var depth = 0
        var topLevelNodes = 0
        var onlyText = true
        var skipping: String?
        for token in HTMLTokenizer.tokenize(html) {
            if let skipped = skipping {
                if case .end(let name) = token, name == skipped { skipping = nil }
                continue
            }
            switch token {
            case .text(let text):
                if depth == 0, !text.isBlank { topLevelNodes += 1 }
                body += HTMLWriter.escapeText(text)
            case .start(let name, var attributes, let selfClosing):
                if name == "script" || name == "style" {
                    if !selfClosing { skipping = name }
                    continue
                }
                if depth == 0 { topLevelNodes += 1 }
                onlyText = false
                if name == "a" {
                    attributes.removeAll(where: { $0.name == "rel" })
                    attributes.append(HTMLAttribute(name: "rel", value: "noopener noreferrer"))
                }
                body += HTMLWriter.startTag(name, attributes)
                if !htmlVoidElements.contains(name), !selfClosing { depth += 1 }
            case .end(let name):
                if htmlVoidElements.contains(name) { continue }
                depth = max(0, depth - 1)
                body += "</\(name)>"
            case .other:
                continue
            }
        }
        if topLevelNodes == 0 { return body.isEmpty ? "<p></p>" : body }
        if onlyText { return "<span>" + body + "</span>" }
        return topLevelNodes > 1 ? "<div>" + body + "</div>" : body
    }
}
