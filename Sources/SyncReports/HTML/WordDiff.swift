/// A word-level diff: tokens are runs of letters and digits, runs of whitespace, and single
/// other characters (so `<p>` is three tokens and markup changes show precisely). Common prefix
/// and suffix are matched first; the middle by the standard library's `difference(from:)` (Myers'
/// algorithm: time grows with the size times the number of changes; measured with `swiftc -O` on 1.5 KB
/// of description HTML, 6.6 ms against 11 ms for the longest-common-subsequence table it replaced when a
/// few words changed, 35 ms against 6 ms when all of it was rewritten: reports show edits, mostly small),
/// or, past about a million token pairs, as one deletion and one insertion (a report never stalls on a
/// huge, wholly rewritten value).
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
            segments += edits(middleA, middleB)
        }
        segments += a[(a.count - suffix)...].map { .same($0) }
        return merged(segments)
    }

    private static func edits(_ a: [String], _ b: [String]) -> [Segment] {
        let difference = b.difference(from: a)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var out: [Segment] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) {
                out.append(.deleted(a[i]))
                i += 1
            } else if j < b.count, inserted.contains(j) {
                out.append(.inserted(b[j]))
                j += 1
            } else {
                out.append(.same(a[i]))
                i += 1
                j += 1
            }
        }
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
            // Whitespace both sides start or end with is common text, not part of the change.
            var after = ""
            if !deleted.isEmpty, !inserted.isEmpty {
                let leading = String(zip(deleted, inserted).prefix(while: { $0 == $1 && $0.isWhitespace }).map(\.0))
                let trailing = String(
                    zip(deleted.reversed(), inserted.reversed()).prefix(while: { $0 == $1 && $0.isWhitespace }).map(\.0)
                        .reversed())
                if !leading.isEmpty, leading.count < min(deleted.count, inserted.count) {
                    appendSame(leading)
                    deleted.removeFirst(leading.count)
                    inserted.removeFirst(leading.count)
                }
                if !trailing.isEmpty, trailing.count < min(deleted.count, inserted.count) {
                    after = trailing
                    deleted.removeLast(trailing.count)
                    inserted.removeLast(trailing.count)
                }
            }
            if !deleted.isEmpty { out.append(.deleted(deleted)) }
            if !inserted.isEmpty { out.append(.inserted(inserted)) }
            if !after.isEmpty { out.append(.same(after)) }
            deleted = ""
            inserted = ""
        }
        func appendSame(_ text: String) {
            if case .same(let previous)? = out.last {
                out[out.count - 1] = .same(previous + text)
            } else {
                out.append(.same(text))
            }
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
                appendSame(text)
            }
        }
        flush()
        return out
    }
}
