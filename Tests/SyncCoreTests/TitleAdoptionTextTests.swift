import SyncCore
import Testing

/// What the plan and the report say about adoption by title.
@Suite struct TitleAdoptionTextTests {
    private let project = Fixtures.project

    @Test func aMatchNamesBothItemsAndWhatHappens() {
        let match = TitleAdoption.Match(
            boardItemId: .string("a"), title: "Fix login", planeProjectId: project, planeItemId: "p1")
        #expect(
            match.text
                == "Adopt Plane item p1 \"Fix login\" in project \(project) for board item \"a\": it is the only item"
                + " with this title on each side; it gets this integration's external id and is kept in step from now on."
        )
    }

    @Test func anAmbiguityListsBothSidesAndSaysHowToResolveIt() {
        let ambiguity = TitleAdoption.Ambiguity(
            title: "Fix login", planeProjectId: project, boardItemIds: [.string("a"), .string("b")],
            heldBoardItemIds: [.string("a"), .string("b")], planeItemIds: ["p1"])
        #expect(
            ambiguity.text.hasPrefix(
                "Title \"Fix login\" is ambiguous in Plane project \(project): 2 board items (\"a\", \"b\") and"
                    + " 1 Plane item made by hand (p1) carry it; nothing adopted. Held, neither adopted nor created:"
                    + " \"a\", \"b\"."))
        #expect(ambiguity.text.contains("boardsync resync --adopt-by-title"))
        #expect(ambiguity.text.contains("boardsync unlink"))

        let nothingHeld = TitleAdoption.Ambiguity(
            title: "X", planeProjectId: project, boardItemIds: [.string("a")], heldBoardItemIds: [],
            planeItemIds: ["p1", "p2"])
        #expect(!nothingHeld.text.contains("Held"))
    }

    @Test func leftAloneSaysWhy() {
        func text(_ reason: TitleAdoption.LeftAloneReason) -> String {
            TitleAdoption.LeftAlone(planeItemId: "p9", planeProjectId: project, name: "Old", reason: reason).text
        }
        #expect(
            text(.externalPair(source: "jira", id: "JIRA-7"))
                == "Plane item p9 \"Old\" in project \(project) is left alone: it carries external_source \"jira\" and"
                + " external_id \"JIRA-7\", another source's; an item of another source is never adopted.")
        #expect(text(.externalPair(source: nil, id: "42")).contains("it carries external_id \"42\", another source's"))
        #expect(text(.noBoardItem).hasSuffix("is left alone: no board item of its project has this title."))
        #expect(text(.ambiguousTitle).hasSuffix("is left alone: its title is ambiguous (see that line)."))
        #expect(
            text(.boardItemTaken(.string("a"), .mirrored(planeItemId: "p0")))
                .hasSuffix(
                    "board item \"a\", the only one with this title, is mirrored to Plane item p0 already;"
                        + " this one may be a copy made by hand."))
        #expect(
            text(.boardItemTaken(.string("a"), .outOfScope("status \"x\" is excluded"))).contains(
                "out of the sync scope"))
    }

    @Test func theSummaryCountsEachOutcome() {
        let adoption = TitleAdoption(
            matches: [
                TitleAdoption.Match(boardItemId: .string("a"), title: "A", planeProjectId: project, planeItemId: "p1")
            ],
            ambiguities: [
                TitleAdoption.Ambiguity(
                    title: "B", planeProjectId: project, boardItemIds: [.string("b")],
                    heldBoardItemIds: [.string("b")], planeItemIds: ["p2", "p3"])
            ],
            leftAlone: [
                TitleAdoption.LeftAlone(planeItemId: "p2", planeProjectId: project, name: "B", reason: .ambiguousTitle),
                TitleAdoption.LeftAlone(planeItemId: "p3", planeProjectId: project, name: "B", reason: .ambiguousTitle),
            ])
        #expect(
            adoption.summary
                == "Adoption by title: 1 Plane item adopted, 1 ambiguous title (1 board item held), 2 Plane items left alone."
        )
        #expect(adoption.lines.count == 4)
    }
}
