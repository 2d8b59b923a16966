import Foundation
import Ink

/// Board Markdown → the `description_html` BoardSync sends: Ink, then ``HTMLSanitizer``, then
/// the back-link footer. An empty description becomes `<p></p>` (Plane rejects `""`).
public struct DescriptionRenderer: Sendable {
    /// Bump whenever the output for the same input changes; it is part of the input fingerprint.
    public static let version = 1

    public var backlinkTemplate: String?

    public init(backlinkTemplate: String?) {
        self.backlinkTemplate = backlinkTemplate
    }

    /// The HTML for `markdown`, with the back-link of `id` in `projectId` appended.
    public func render(markdown: String?, id: BoardItemID, projectId: String) -> String {
        var html = ""
        let source = (markdown ?? "").replacingNUL()
        if !source.isBlank {
            html = HTMLSanitizer.sanitize(MarkdownParser().html(from: source))
        }
        if let footer = backlinkFooter(id: id, projectId: projectId) { html += footer }
        return html.isEmpty ? "<p></p>" : html
    }

    /// The footer paragraph: a bare URL template becomes "Mirrored from <a>Nexus board</a>";
    /// any other template is rendered as one line of Markdown. Placeholder values are percent-encoded.
    public func backlinkFooter(id: BoardItemID, projectId: String) -> String? {
        guard let template = backlinkTemplate?.trimmingCharacters(in: .whitespacesAndNewlines), !template.isEmpty
        else { return nil }
        let expanded = template.replacingOccurrences(of: "{id}", with: Self.percentEncode(id.externalId))
            .replacingOccurrences(of: "{project_id}", with: Self.percentEncode(projectId))
        if !expanded.contains(" "), expanded.hasPrefix("http://") || expanded.hasPrefix("https://") {
            return "<p>Mirrored from " + HTMLWriter.startTag("a", [HTMLAttribute(name: "href", value: expanded)])
                + "Nexus board</a></p>"
        }
        let line = HTMLSanitizer.sanitize(
            MarkdownParser().html(from: expanded.replacingOccurrences(of: "\n", with: " ")))
        return line.hasPrefix("<p>") ? line : "<p>" + line + "</p>"
    }

    /// RFC 3986 unreserved characters kept, everything else `%XX` (UTF-8).
    static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let char = Character(Unicode.Scalar(byte))
            if byte < 0x80, char.isLetter || char.isNumber || "-._~".contains(char) {
                out.append(char)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
