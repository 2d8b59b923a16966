import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation's trip through NSString when there is
    /// nothing to trim (the usual title, label or email), which was a tenth of a plan's time.
    var trimmedWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        let edges = CharacterSet.whitespacesAndNewlines
        if !edges.contains(first) && !edges.contains(last) { return self }
        return trimmingCharacters(in: edges)
    }

    /// True when the text holds nothing but whitespace and newlines (or nothing).
    var isBlank: Bool {
        let edges = CharacterSet.whitespacesAndNewlines
        return unicodeScalars.allSatisfy { edges.contains($0) }
    }
}
