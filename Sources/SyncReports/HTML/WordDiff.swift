/// A word-level diff: tokens are runs of letters and digits, runs of whitespace, and single
/// other characters (so `<p>` is three tokens and markup changes show precisely). Common prefix
/// and suffix are matched first; the middle by longest common subsequence, or, past about a
/// million token pairs, as one deletion and one insertion (a report never stalls on a huge value).
enum WordDiff {
    enum Segment: Equatable {
        case same(String)
        case deleted(String)
        case inserted(String)

        var isSame: Bool {
            if case .same = self { return true }
            return false
        }
    }

    static let maxPairs = 1_000_000

    static func diff(_ old: String, _ new: String) -> [Segment] {
        let a = tokens(old)
        let b = tokens(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let middleA = Array(a[prefix..<(a.count - suffix)])
        let middleB = Array(b[prefix..<(b.count - suffix)])
        var segments: [Segment] = a[..<prefix].map { .same($0) }
        if middleA.count * middleB.count > maxPairs {
            segments += middleA.map { .deleted($0) } + middleB.map { .inserted($0) }
        } else {
            segments += lcs(middleA, middleB)
        }
        segments += a[(a.count - suffix)...].map { .same($0) }
        return merged(segments)
    }

    private static func lcs(_ a: [String], _ b: [String]) -> [Segment] {
        let rows = a.count + 1
        let cols = b.count + 1
        var table = [Int32](repeating: 0, count: rows * cols)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i * cols + j] =
                    a[i] == b[j]
                    ? table[(i + 1) * cols + j + 1] + 1 : max(table[(i + 1) * cols + j], table[i * cols + j + 1])
            }
        }
        var out: [Segment] = []
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                out.append(.same(a[i]))
                i += 1
                j += 1
            } else if table[(i + 1) * cols + j] >= table[i * cols + j + 1] {
                out.append(.deleted(a[i]))
                i += 1
            } else {
                out.append(.inserted(b[j]))
                j += 1
            }
        }
        out += a[i...].map { .deleted($0) } + b[j...].map { .inserted($0) }
        return out
    }

    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var currentKind = 0
        for character in text {
            let kind = character.isLetter || character.isNumber ? 1 : character.isWhitespace ? 2 : 3
            if kind == currentKind, kind != 3 {
                current.append(character)
            } else {
                if !current.isEmpty { out.append(current) }
                current = String(character)
                currentKind = kind
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// A whitespace-only `same` between two changes is folded into them, and each run of changes
    /// becomes one deletion then one insertion, so "a b c" → "x y z" reads as one change.
    private static func merged(_ segments: [Segment]) -> [Segment] {
        var out: [Segment] = []
        var deleted = ""
        var inserted = ""
        func flush() {
            if !deleted.isEmpty { out.append(.deleted(deleted)) }
            if !inserted.isEmpty { out.append(.inserted(inserted)) }
            deleted = ""
            inserted = ""
        }
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .deleted(let text): deleted += text
            case .inserted(let text): inserted += text
            case .same(let text):
                let changeBefore = !deleted.isEmpty || !inserted.isEmpty
                let changeAfter = index + 1 < segments.count && !segments[index + 1].isSame
                if changeBefore, changeAfter, text.allSatisfy(\.isWhitespace) {
                    deleted += text
                    inserted += text
                    continue
                }
                flush()
                if case .same(let previous)? = out.last {
                    out[out.count - 1] = .same(previous + text)
                } else {
                    out.append(segment)
                }
            }
        }
        flush()
        return out
    }
}
