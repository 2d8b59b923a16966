/// Adoption by title in words a person reads in the plan and the run's report: one line per match, per
/// ambiguous title (with what to do) and per Plane item left alone (with why).
extension TitleAdoption {
    public var lines: [String] {
        matches.map(\.text) + ambiguities.map(\.text) + leftAlone.map(\.text)
    }

    /// One line with the counts, for a summary.
    public var summary: String {
        "Adoption by title: \(count(matches.count, "Plane item")) adopted, "
            + "\(count(ambiguities.count, "ambiguous title")) (\(count(heldBoardItemIds.count, "board item")) held), "
            + "\(count(leftAlone.count, "Plane item")) left alone."
    }
}

extension TitleAdoption.Match {
    public var text: String {
        "Adopt Plane item \(planeItemId) \"\(title)\" in project \(planeProjectId) for board item \(boardItemId): "
            + "it is the only item with this title on each side; it gets this integration's external id "
            + "and is kept in step from now on."
    }
}

extension TitleAdoption.Ambiguity {
    public var text: String {
        var text =
            "Title \"\(title)\" is ambiguous in Plane project \(planeProjectId): "
            + "\(count(boardItemIds.count, "board item")) (\(list(boardItemIds.map(\.description)))) and "
            + "\(count(planeItemIds.count, "Plane item")) made by hand (\(list(planeItemIds))) carry it; nothing adopted."
        if !heldBoardItemIds.isEmpty {
            text +=
                " Held, neither adopted nor created: \(list(heldBoardItemIds.map(\.description)))."
                + " To resolve, rename items (on the board or in Plane) or delete the extra Plane copy so the title"
                + " is unique on each side, then run `boardsync resync --adopt-by-title` again;"
                + " or `boardsync unlink` a held board item to stop mirroring it."
        }
        return text
    }
}

extension TitleAdoption.LeftAlone {
    public var text: String {
        "Plane item \(planeItemId) \"\(name)\" in project \(planeProjectId) is left alone: \(reason.text)."
    }
}

extension TitleAdoption.LeftAloneReason {
    public var text: String {
        switch self {
        case .externalPair(let source, let id):
            let pair = [source.map { "external_source \"\($0)\"" }, id.map { "external_id \"\($0)\"" }]
                .compactMap { $0 }.joined(separator: " and ")
            return "it carries \(pair), another source's; an item of another source is never adopted"
        case .noBoardItem:
            return "no board item of its project has this title"
        case .ambiguousTitle:
            return "its title is ambiguous (see that line)"
        case .boardItemTaken(let boardItemId, let taken):
            return "board item \(boardItemId), the only one with this title, \(taken.text)"
        }
    }
}

extension TitleAdoption.BoardItemTaken {
    var text: String {
        switch self {
        case .mirrored(let planeItemId):
            return "is mirrored to Plane item \(planeItemId ?? "?") already; this one may be a copy made by hand"
        case .settling:
            return "has a create that may have reached Plane; the external-id lookup settles it first"
        case .unlinked:
            return "is not mirrored (boardsync unlink)"
        case .outOfScope(let why):
            return "is out of the sync scope (\(why))"
        case .idCollision:
            return "shares its external id with another board item; resolve that first"
        }
    }
}

private func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
}

private func list(_ names: [String]) -> String {
    names.joined(separator: ", ")
}
