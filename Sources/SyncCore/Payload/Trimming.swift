import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation's trip through NSString when there is
    /// nothing to trim (the usual title, label or email), which was a tenth of a plan's time.
    var trimmedWhitespace: String {
        // Printable ASCII at both ends (nearly every title, label and email) is never whitespace: no scalar
        // look-up in the character set, which costs more than the rest of a title's checks.
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
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
