/// GFM task lists in cmark-gfm's HTML (`<li><input type="checkbox" checked="" disabled="" /> …`), found
/// so that ``HTMLSanitizer`` can write them the way Plane's editor (TipTap's TaskList/TaskItem) stores
/// and reads them:
///
/// ```html
/// <ul data-type="taskList"><li data-checked="true" data-type="taskItem"><label><input type="checkbox"
/// checked=""><span></span></label><div><p>Write migration</p></div></li></ul>
/// ```
///
/// Plane's task list holds task items only, so a bullet list becomes one only when every item is a task;
/// in a mixed list (or an ordered one) a task item keeps its Markdown, `[x] ` or `[ ] `, as text.
struct TaskLists {
    struct Checkbox {
        var checked: Bool
        var inTaskList: Bool
    }

    /// Indices of the `<ul>` start tags that are task lists.
    private(set) var lists: Set<Int> = []
    /// Index of a task item's `<li>` start tag → checked.
    private(set) var items: [Int: Bool] = [:]
    /// Index of a task item's checkbox `<input>` → what it says.
    private(set) var checkboxes: [Int: Checkbox] = [:]

    init(_ pieces: [HTMLPiece], bytes: UnsafeBufferPointer<UInt8>) {
        guard pieces.contains(where: { $0.kind == .start && $0.name == "input" }) else { return }
        for index in pieces.indices where pieces[index].kind == .start {
            let name = pieces[index].name
            if name == "ul" || name == "ol" { analyse(list: index, pieces, bytes) }
        }
    }

    private mutating func analyse(list: Int, _ pieces: [HTMLPiece], _ bytes: UnsafeBufferPointer<UInt8>) {
        var found: [(item: Int, checkbox: Int?, checked: Bool)] = []
        var depth = 0
        var index = list
        while index < pieces.count {
            let piece = pieces[index]
            if piece.kind == .start, piece.name == "ul" || piece.name == "ol" {
                depth += 1
            } else if piece.kind == .end, piece.name == "ul" || piece.name == "ol" {
                depth -= 1
                if depth == 0 { break }
            } else if depth == 1, piece.kind == .start, piece.name == "li" {
                let checkbox = Self.checkbox(after: index, pieces, bytes)
                found.append((index, checkbox, checkbox.map { pieces[$0].attribute("checked") != nil } ?? false))
            }
            index += 1
        }
        let isTaskList = pieces[list].name == "ul" && !found.isEmpty && found.allSatisfy { $0.checkbox != nil }
        if isTaskList { lists.insert(list) }
        for entry in found {
            guard let checkbox = entry.checkbox else { continue }
            checkboxes[checkbox] = Checkbox(checked: entry.checked, inTaskList: isTaskList)
            if isTaskList { items[entry.item] = entry.checked }
        }
    }

    /// The checkbox `<input>` a list item starts with (after blank text or a `<p>`), if any.
    private static func checkbox(after item: Int, _ pieces: [HTMLPiece], _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = item + 1
        while index < pieces.count {
            let piece = pieces[index]
            switch piece.kind {
            case .text:
                guard bytes[piece.text].allSatisfy(HTMLLexer.isSpace) else { return nil }
            case .other: break
            case .start:
                if piece.name == "p" { break }
                guard piece.name == "input", piece.attribute("type")?.lowercased() == "checkbox" else { return nil }
                return index
            case .end: return nil
            }
            index += 1
        }
        return nil
    }
}
