import Foundation
import SyncReports

/// The terminal form of ``ItemExplanation``: a few labelled lines, only the fields that differ somewhere,
/// long values cut (the `--json` form has them whole).
public enum ExplainText {
    public static func render(_ explanation: ItemExplanation, now: Date = Date()) -> String {
        let e = explanation
        let label = e.idType == "object_id" ? "ObjectId(\(e.boardItemId))" : "\"\(e.boardItemId)\""
        var lines = [
            "Board item \(label)\(e.board.title.map { " \"\(cut($0))\"" } ?? "") (integration \(e.integration))"
        ]
        lines += boardLines(e)
        lines += linkLines(e, now: now)
        lines += planeLines(e)
        lines += fingerprintLines(e.fingerprints)
        if let payload = e.payload {
            if payload.ready {
                var ready = "  payload: ready"
                if !payload.missingLabels.isEmpty {
                    ready += "; labels to create: " + payload.missingLabels.joined(separator: ", ")
                }
                if !payload.notes.isEmpty { ready += "; notes: " + payload.notes.joined(separator: " ") }
                lines.append(ready)
            } else if let problem = payload.problem {
                lines.append("  payload: cannot be built: \(problem)")
            } else if let parent = payload.waitingForParent {
                lines.append("  payload: waits for its parent \(parent) to reach Plane")
            }
        }
        lines += fieldLines(e)
        if e.nextSync.isEmpty {
            lines.append("  next sync: not decided (Plane could not be read)")
        } else {
            lines.append("  next sync would (nothing written now):")
            for action in e.nextSync { lines.append("    \(action.action): \(action.message)") }
        }
        lines.append("  open conflicts: \(e.conflicts.isEmpty ? "none" : String(e.conflicts.count))")
        for record in e.conflicts {
            let fields = record.fields.map(\.name).joined(separator: ", ")
            lines.append(
                "    \(record.id) \(record.kind.rawValue)\(fields.isEmpty ? "" : " (\(fields))"), seen "
                    + "\(StatusText.time(record.updatedAt)): \(record.message)")
        }
        return lines.joined(separator: "\n")
    }

    private static func boardLines(_ e: ItemExplanation) -> [String] {
        let board = e.board
        guard board.found else {
            return ["  board: no document in board_items (deleted there, or never existed)"]
        }
        if let problem = board.readProblem {
            return ["  board: the document cannot be read: \(problem)"]
        }
        var text = "  board: project \(board.projectId ?? "?")"
        if let plane = board.planeProjectId { text += " → Plane project \(plane)" }
        text += ", status \(board.status ?? "none"), updated \(StatusText.time(board.updatedAt))"
        if let deleted = board.deletedAt { text += ", deleted \(StatusText.time(deleted))" }
        var lines = [text]
        if let why = board.outOfScope { lines.append("  out of scope: \(why)") }
        return lines
    }

    private static func linkLines(_ e: ItemExplanation, now: Date) -> [String] {
        guard let link = e.link else {
            return ["  link: none: never mirrored"]
        }
        var text = "  link: \(link.state)"
        if let id = link.planeItemId {
            text += ", Plane item \(id) in project \(link.planeProjectId ?? "?")"
        } else {
            text += ", no Plane item (never mirrored)"
        }
        var lines = [text]
        var attempt = "  attempts: \(link.attempts), last attempt \(StatusText.time(link.lastAttemptAt)), "
        attempt += "last synced \(StatusText.time(link.lastSyncedAt)), next attempt "
        if let next = link.nextAttemptAt {
            attempt +=
                next > now
                ? "\(StatusText.time(next)), or as soon as the board item or the integration document changes"
                : "now (due since \(StatusText.time(next)))"
        } else {
            attempt += "when the board changes"
        }
        lines.append(attempt)
        if let error = link.lastError { lines.append("  last error: \(error)") }
        return lines
    }

    private static func planeLines(_ e: ItemExplanation) -> [String] {
        let plane = e.plane
        if let error = plane.error { return ["  Plane: could not be read: \(error)"] }
        var text = "  Plane: "
        switch plane.found {
        case "present": text += "item \(plane.itemId ?? "?")"
        case "archived": text += "item \(plane.itemId ?? "?") is archived, triaged or a draft"
        case "deleted": text += plane.itemId.map { "item \($0) is deleted" } ?? "no item carries its external id"
        default: text += "not read"
        }
        if let updated = plane.updatedAt {
            text += ", updated \(StatusText.time(updated))"
            if let editor = plane.updatedBy { text += " by \(e.names[editor] ?? editor)" }
        }
        var lines = [text]
        if let url = plane.url { lines.append("  Plane URL: \(url)") }
        if let seen = e.planeLastSeen { lines.append(lastSeenLine(seen, names: e.names)) }
        return lines
    }

    /// What the cache holds of the item's Plane side, and how old it is.
    private static func lastSeenLine(_ seen: ItemExplanation.LastSeen, names: [String: String]) -> String {
        var text = "  last seen by a run on this machine (cache): \(age(seconds: seen.ageSeconds)) ago"
        if let updated = seen.updatedAt { text += ", Plane's updated_at \(updated)" }
        if let editor = seen.updatedBy { text += " by \(names[editor] ?? editor)" }
        switch seen.unchangedSince {
        case true?: text += "; unchanged since"
        case false?: text += "; changed in Plane since"
        case nil: break
        }
        return text
    }

    static func age(seconds: Int) -> String {
        switch seconds {
        case ..<120: "\(seconds) s"
        case ..<7200: "\(seconds / 60) min"
        case ..<172_800: "\(seconds / 3600) h"
        default: "\(seconds / 86_400) days"
        }
    }

    private static func fingerprintLines(_ fingerprints: ItemExplanation.Fingerprints) -> [String] {
        func short(_ hash: String?) -> String { hash.map { String($0.prefix(12)) } ?? "none" }
        let board =
            switch fingerprints.boardChanged {
            case true?: "the board changed since the last write"
            case false?: "the board is unchanged since the last write"
            case nil: "no write to compare with"
            }
        let plane =
            switch fingerprints.planeChanged {
            case true?: "Plane changed since the last write"
            case false?: "Plane is unchanged since the last write"
            case nil: "no write to compare with"
            }
        return [
            "  input fingerprint: now \(short(fingerprints.inputNow)), link \(short(fingerprints.inputLink)): \(board)",
            "  remote fingerprint: Plane now \(short(fingerprints.remoteNow)), link \(short(fingerprints.remoteLink)): "
                + plane,
        ]
    }

    private static func fieldLines(_ e: ItemExplanation) -> [String] {
        guard !e.fields.isEmpty else { return [] }
        let shown = e.fields.filter { field in
            field.differs || field.planeEdited
                || (field.base != nil && field.canonical != nil && field.base != field.canonical)
        }
        guard !shown.isEmpty else { return ["  fields: base, board and Plane agree"] }
        var lines = ["  fields that differ (base | board, as Plane would store it | Plane now):"]
        for field in shown {
            var marks: [String] = []
            if field.planeEdited { marks.append("edited in Plane") }
            if field.differs { marks.append("Plane differs from the board") }
            lines.append(
                "    \(field.name): \(text(field.base, e.names)) | \(text(field.canonical, e.names)) | "
                    + "\(text(field.plane, e.names))\(marks.isEmpty ? "" : "  (\(marks.joined(separator: "; ")))")")
        }
        return lines
    }

    private static func text(_ value: ExplainedValue?, _ names: [String: String]) -> String {
        switch value {
        case nil: "-"
        case .null?: "null"
        case .string(let text)?: names[text] ?? "\"\(cut(text))\""
        case .list(let items)?: "[" + items.map { names[$0] ?? $0 }.joined(separator: ", ") + "]"
        }
    }

    private static func cut(_ text: String, limit: Int = 60) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }
}
