import Foundation
import SyncCore
import Testing

@Suite struct PayloadBuilderTests {
    let builder = PayloadBuilder(configuration: Fixtures.configuration())

    func build(_ item: BoardItem, parent: ParentResolution = .none, builder: PayloadBuilder? = nil) -> PayloadOutcome {
        (builder ?? self.builder).build(item, metadata: Fixtures.metadata(), parent: parent)
    }

    func ready(_ item: BoardItem, builder: PayloadBuilder? = nil) throws -> DesiredPayload {
        guard case .ready(let payload) = build(item, builder: builder) else {
            Issue.record("expected a payload for \(item.id)")
            throw CancellationError()
        }
        return payload
    }

    func problem(_ item: BoardItem, parent: ParentResolution = .none) -> ItemProblem? {
        if case .problem(let problem) = build(item, parent: parent) { return problem }
        return nil
    }

    @Test func mapsEveryField() throws {
        var item = Fixtures.item(title: "  Implement login  ", status: "doing", labels: ["bug", "feature"])
        item.priority = "p1"
        item.startDate = Fixtures.date("2026-05-30T10:00:00Z")
        item.dueDate = Fixtures.date("2026-06-15T10:00:00Z")
        let payload = try ready(item)
        #expect(payload.values.name == "Implement login")
        #expect(payload.values.stateId == Fixtures.inProgress)
        #expect(payload.values.priority == "urgent")
        #expect(payload.values.labelIds == [Fixtures.bug, Fixtures.feature])
        #expect(payload.values.assigneeIds == [Fixtures.alice])
        #expect(payload.values.startDate == "2026-05-30")
        #expect(payload.values.targetDate == "2026-06-15")
        #expect(payload.externalSource == "nexus/plane-acme")
        #expect(payload.externalId == "task_1")
        #expect(payload.planeProjectId == Fixtures.project)
        #expect(payload.notes.isEmpty)
    }

    @Test func objectIdExternalIdIsHex() throws {
        var item = Fixtures.item()
        item.id = BoardItemID.objectId(hex: "65A1B2C3D4E5F60718293A4B")!
        #expect(try ready(item).externalId == "65a1b2c3d4e5f60718293a4b")
        #expect(BoardItemID.objectId(hex: "xyz") == nil)
    }

    @Test func statusWithoutMappingUsesSameNamedStateAndNilUsesDefault() throws {
        #expect(try ready(Fixtures.item(status: "Done")).values.stateId == Fixtures.done)
        #expect(try ready(Fixtures.item(status: nil)).values.stateId == Fixtures.backlog)
    }

    @Test func statusProblemsNameTheStatus() {
        #expect(problem(Fixtures.item(status: "weird")) == .unknownStatus("weird"))
        #expect(problem(Fixtures.item(status: "ghost")) == .mappedStateMissing(status: "ghost", stateName: "Ghost"))
        #expect(ItemProblem.unknownStatus("weird").message(for: .string("task_1")).contains("\"weird\""))
    }

    @Test func titleProblems() {
        #expect(problem(Fixtures.item(title: nil)) == .titleMissing)
        #expect(problem(Fixtures.item(title: "   \n")) == .titleEmpty)
        #expect(problem(Fixtures.item(title: "a\u{0}b")) == .titleContainsNUL)
    }

    @Test func titleLengthCountsCodePointsNotCharacters() throws {
        // 👍🏽 is one Character but two code points.
        let emoji255 = String(repeating: "😀", count: 255)
        #expect(try ready(Fixtures.item(title: emoji255)).values.name == emoji255)
        let skinTones = String(repeating: "👍🏽", count: 128)  // 128 Characters, 256 code points
        #expect(skinTones.count == 128)
        #expect(problem(Fixtures.item(title: skinTones)) == .titleTooLong(codePoints: 256))
        #expect(problem(Fixtures.item(title: String(repeating: "x", count: 256))) == .titleTooLong(codePoints: 256))
        // Over 255 bytes is not over 255 code points: 200 two-byte letters pass.
        let accented = String(repeating: "é", count: 200)
        #expect(try ready(Fixtures.item(title: accented)).values.name == accented)
        #expect(problem(Fixtures.item(title: String(repeating: "é", count: 255) + "\u{0}")) == .titleContainsNUL)
    }

    @Test func externalIdOver255CodePointsIsAProblem() {
        #expect(problem(Fixtures.item(String(repeating: "i", count: 256))) == .externalIdTooLong(codePoints: 256))
    }

    @Test func unmappedPriorityIsReportedAndSentAsNone() throws {
        var item = Fixtures.item()
        item.priority = "blocker"
        let payload = try ready(item)
        #expect(payload.values.priority == "none")
        #expect(payload.notes == [.unmappedPriority("blocker")])
        item.priority = nil
        #expect(try ready(item).values.priority == "none")
    }

    @Test func unknownGuestAndInactiveAssigneesAreReportedOnceAndTheRestSyncs() throws {
        let item = Fixtures.item(assignees: [
            "alice@example.com", "nobody@example.com", "guest@example.com", "NOBODY@example.com", "bob@example.com",
            "carol@example.com", "guest@example.com",
        ])
        let payload = try ready(item)
        #expect(payload.values.assigneeIds == [Fixtures.alice, Fixtures.bob])
        #expect(
            payload.notes == [
                .unknownAssignee("nobody@example.com"), .guestAssignee("guest@example.com"),
                .inactiveAssignee("carol@example.com"),
            ])
    }

    @Test func missingLabelsAreReturnedForCreationOnce() throws {
        let payload = try ready(Fixtures.item(labels: ["bug", "urgent-fix", "Urgent-Fix", "BUG"]))
        #expect(payload.values.labelIds == [Fixtures.bug])
        #expect(payload.missingLabels == ["urgent-fix"])
    }

    @Test func datesFollowTheMappingTimeZoneAcrossTheDayBoundary() throws {
        var item = Fixtures.item()
        item.startDate = Fixtures.date("2026-05-30T22:30:00Z")
        item.dueDate = Fixtures.date("2026-05-31T03:00:00Z")
        #expect(try ready(item).values.startDate == "2026-05-30")
        let tokyo = PayloadBuilder(configuration: Fixtures.configuration(timezone: "Asia/Tokyo"))
        #expect(try ready(item, builder: tokyo).values.startDate == "2026-05-31")
        let honolulu = PayloadBuilder(configuration: Fixtures.configuration(timezone: "Pacific/Honolulu"))
        #expect(try ready(item, builder: honolulu).values.targetDate == "2026-05-30")
        let bad = PayloadBuilder(configuration: Fixtures.configuration(timezone: "Mars/Olympus"))
        #expect(build(item, builder: bad) == .problem(.unknownTimeZone("Mars/Olympus")))
    }

    /// The builder skips the calendar for a due date two days or more after the start: its answer must be the
    /// one comparing calendar days gives, in zones far from UTC, across DST and offset changes, and at the
    /// edges of four-digit years.
    @Test(arguments: [
        "UTC", "Pacific/Kiritimati", "Pacific/Niue", "America/Santiago", "Asia/Manila", "Pacific/Apia",
        "Australia/Lord_Howe",
    ])
    func dayCheckAgreesWithCalendarDays(timezone: String) {
        let builder = PayloadBuilder(configuration: Fixtures.configuration(timezone: timezone))
        let starts = [
            "1844-12-30T12:00:00Z", "1899-12-31T20:00:00Z", "1900-01-02T00:00:00Z", "1969-12-31T23:30:00Z",
            "2011-12-29T10:00:00Z", "2026-04-04T13:00:00Z", "2026-09-05T03:30:00Z", "9999-12-26T12:00:00Z",
        ]
        for start in starts.map(Fixtures.date) {
            for hours: Double in [-30, 0, 23, 47.99, 48, 49, 240, 9_600] {
                var item = Fixtures.item()
                item.startDate = start
                item.dueDate = start.addingTimeInterval(hours * 3_600)
                let startDay = CalendarDay.string(for: start, timeZoneId: timezone)!
                let dueDay = CalendarDay.string(for: item.dueDate!, timeZoneId: timezone)!
                let expected: ItemProblem? =
                    startDay > dueDay ? .startAfterDue(start: startDay, due: dueDay) : nil
                var found: ItemProblem?
                if case .problem(let problem) = build(item, builder: builder) { found = problem }
                #expect(found == expected, "\(timezone) \(start) + \(hours) h")
            }
        }
    }

    @Test func farApartDatesInAnUnknownZoneAreAProblem() {
        var item = Fixtures.item()
        item.startDate = Fixtures.date("2026-06-01T00:00:00Z")
        item.dueDate = Fixtures.date("2026-07-01T00:00:00Z")
        let bad = PayloadBuilder(configuration: Fixtures.configuration(timezone: "Mars/Olympus"))
        #expect(build(item, builder: bad) == .problem(.unknownTimeZone("Mars/Olympus")))
        item.startDate = nil
        #expect(build(item, builder: bad) == .problem(.unknownTimeZone("Mars/Olympus")))
    }

    @Test func startAfterDueIsAProblem() {
        var item = Fixtures.item()
        item.startDate = Fixtures.date("2026-06-02T00:00:00Z")
        item.dueDate = Fixtures.date("2026-06-01T00:00:00Z")
        #expect(problem(item) == .startAfterDue(start: "2026-06-02", due: "2026-06-01"))
    }

    @Test func parentResolution() throws {
        let item = Fixtures.item("child", parent: .string("parent"))
        let inPlane = build(item, parent: .inPlane(planeProjectId: Fixtures.project, planeItemId: "plane-parent"))
        guard case .ready(let payload) = inPlane else {
            Issue.record("expected payload")
            return
        }
        #expect(payload.values.parentId == "plane-parent")
        guard case .ready(let pending) = build(item, parent: .pendingInPlan(.string("parent"))) else {
            Issue.record("expected payload")
            return
        }
        #expect(pending.pendingParent == .string("parent"))
        #expect(pending.values.parentId == nil)
        #expect(build(item, parent: .notYetInPlane(.string("parent"))) == .waitingForParent(.string("parent")))
        #expect(
            problem(item, parent: .inPlane(planeProjectId: Fixtures.otherProject, planeItemId: "x"))
                == .parentInOtherProject(parent: .string("parent"), planeProjectId: Fixtures.otherProject))
        let selfParent = Fixtures.item("loop", parent: .string("loop"))
        #expect(problem(selfParent, parent: .notYetInPlane(.string("loop"))) == .parentIsSelf)
    }

    @Test func everyProblemHasAMessageNamingTheItem() {
        let problems: [ItemProblem] = [
            .titleMissing, .titleEmpty, .titleTooLong(codePoints: 300), .titleContainsNUL, .unknownStatus("s"),
            .mappedStateMissing(status: "s", stateName: "S"), .noDefaultState,
            .startAfterDue(start: "2026-01-02", due: "2026-01-01"),
            .parentInOtherProject(parent: .string("p"), planeProjectId: "x"), .parentIsSelf,
            .parentCycle([.string("a"), .string("b"), .string("a")]), .unknownTimeZone("Z"), .idCollision(.string("b")),
            .externalIdTooLong(codePoints: 300),
        ]
        for problem in problems {
            #expect(problem.message(for: .string("task_9")).contains("\"task_9\""))
        }
    }
}
