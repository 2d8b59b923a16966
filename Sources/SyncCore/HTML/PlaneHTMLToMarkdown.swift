/// Plane's `description_html` (as Plane stores it, after its rewrite) → board Markdown, for
/// `conflicts resolve --take-plane`.
///
/// The Markdown is written for cmark-gfm, the renderer BoardSync uses on the way out, so that
/// rendering it again gives the same HTML: `-` bullets, `1.` numbers from the list's start, task
/// lists, `*em*`, `**strong**`, `~~strike~~`, fenced code with its language, GFM tables, `>` quotes
/// with any blocks, `---` rules, ATX headings, and text escaped where CommonMark would read it as markup. Plane's outer `<div>` and
/// `<span>` wrappers are unwrapped, entities decoded, and BoardSync's own back-link footer
/// paragraph removed. Unknown tags keep their text; `<script>`/`<style>` are dropped.
/// What does not come back byte for byte is listed in `Sources/SyncCore/README.md`.
public struct PlaneHTMLToMarkdown: Sendable {
    /// The footer paragraph ``DescriptionRenderer`` appended, as rendered (any `rel` Plane added is ignored).
    public var backlinkFooterHTML: String?

    public init(backlinkFooterHTML: String? = nil) {
        self.backlinkFooterHTML = backlinkFooterHTML
    }

    /// The converter that removes the footer `renderer` renders for `id` in `projectId`.
    public init(renderer: DescriptionRenderer, id: BoardItemID, projectId: String) {
        self.backlinkFooterHTML = renderer.backlinkFooter(id: id, projectId: projectId)
    }

    /// The Markdown for `html`; `""` for an empty description (`<p></p>`, or only the footer).
    public func markdown(from html: String) -> String {
        var nodes = Self.unwrapped(HTMLTree.parse(html))
        if let footer = footerMarkdown, !footer.isEmpty,
            let index = nodes.lastIndex(where: { Self.paragraphMarkdown($0) == footer })
        {
            nodes.remove(at: index)
        }
        return MarkdownBlockWriter().blocks(nodes).joined(separator: "\n\n")
    }

    private var footerMarkdown: String? {
        guard let backlinkFooterHTML else { return nil }
        return Self.unwrapped(HTMLTree.parse(backlinkFooterHTML)).lazy.compactMap(Self.paragraphMarkdown).first
    }

    /// Plane's outer `<div>` (several top-level nodes) and a lone wrapper around everything.
    private static func unwrapped(_ nodes: [HTMLNode]) -> [HTMLNode] {
        var nodes = nodes
        while true {
            let significant = nodes.filter { node in
                if case .text(let text) = node { return !text.trimmingWhitespace().isEmpty }
                return true
            }
            guard significant.count == 1, case .element(let name, _, let children) = significant[0],
                name == "div" || name == "body" || name == "html"
            else { return nodes }
            nodes = children
        }
    }

    /// The Markdown of a `<p>`, used to recognise the footer whatever attributes Plane added.
    private static func paragraphMarkdown(_ node: HTMLNode) -> String? {
        guard case .element("p", _, let children) = node else { return nil }
        return MarkdownInlineWriter.paragraph.write(children)
    }
}
