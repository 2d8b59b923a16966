import ArgumentParser
import BoardSync
import Foundation
import Logging
import MongoDriver
import SyncCore
import SyncReports

struct ConflictsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "Where the board and Plane disagree: reports for admins.",
        subcommands: [List.self, Show.self, Resolve.self]
    )

    /// How a report is written: a terminal table (default), JSON, Markdown, or one HTML page to a file.
    struct Format: ParsableArguments {
        @Flag(help: "As JSON.") var json = false
        @Flag(help: "As Markdown.") var markdown = false
        @Option(help: "Write one self-contained HTML page to this file.") var html: String?

        func write(_ records: [ConflictRecord], detail: Bool) throws {
            if let html {
                let page = ConflictHTMLRenderer(title: "BoardSync conflicts", generatedAt: Date()).page(records)
                try Data(Redaction.redact(page).utf8).write(to: URL(fileURLWithPath: html))
                Terminal.line("wrote \(records.count) conflicts to \(html)")
            } else if json {
                Terminal.line(
                    try detail && records.count == 1 ? ConflictJSON.encode(records[0]) : ConflictJSON.encode(records))
            } else if markdown {
                let renderer = ConflictMarkdownRenderer()
                Terminal.line(detail ? records.map(renderer.detail).joined(separator: "\n\n") : renderer.list(records))
            } else {
                let renderer = ConflictTextRenderer()
                Terminal.line(detail ? records.map(renderer.detail).joined(separator: "\n\n") : renderer.list(records))
            }
        }
    }

    struct List: AsyncParsableCommand, JSONOutputCommand {
        static let configuration = CommandConfiguration(abstract: "List conflict reports, newest first.")

        @OptionGroup var common: CommonOptions
        @OptionGroup var format: Format
        @Option(help: "Only this kind (both_changed, hand_edit, archived, duplicates, ...).") var kind: String?
        @Option(help: "Only this status (pending, resolved, superseded); default pending.") var status = "pending"

        var json: Bool { format.json }

        func run() async throws {
            let settings = try await common.settings()
            let records = try await common.withDatabase(settings) { database in
                try await ApprovalStore(database: database).list(
                    integrationId: settings.integration, kind: kind, status: status == "all" ? nil : status)
            }
            try format.write(records, detail: false)
        }
    }

    struct Show: AsyncParsableCommand, JSONOutputCommand {
        static let configuration = CommandConfiguration(abstract: "One conflict report with every field's values.")

        @OptionGroup var common: CommonOptions
        @OptionGroup var format: Format
        @Argument(help: "The report's id (from `conflicts list`).") var id: String

        var json: Bool { format.json }

        func run() async throws {
            let settings = try await common.settings()
            guard
                let record = try await common.withDatabase(settings, { try await ApprovalStore(database: $0).get(id) })
            else {
                throw CommandFailure(
                    2, "no conflict report has the id \(id); `boardsync conflicts list --status all` lists them")
            }
            try format.write([record], detail: true)
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Settle a conflict report: keep the board's values, or take Plane's into the board item.",
            discussion: """
                --keep-board: the next sync pushes the board's values to Plane.
                --take-plane: Plane's values (all fields of the report, or only --field ones) are written into the \
                board item, only if it was not edited since the conflict was seen; the next sync writes nothing.
                """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "The report's id (from `conflicts list`).") var id: String
        @Flag(help: "Keep the board's values: the next sync pushes them to Plane.") var keepBoard = false
        @Flag(help: "Take Plane's values into the board item.") var takePlane = false
        @Option(
            name: .customLong("field"),
            help: "With --take-plane: only this field (name, description, state, labels, ...); repeatable.")
        var fields: [String] = []
        @Option(help: "Why, recorded on the report and in the events.") var note: String?
        @Option(help: "Who resolves it (default: $USER).") var by: String?

        func validate() throws {
            guard keepBoard != takePlane else {
                throw ValidationError("give exactly one of --keep-board and --take-plane")
            }
            if keepBoard && !fields.isEmpty { throw ValidationError("--field goes with --take-plane only") }
            for field in fields where BoardValuesFromPlane.field(named: field) == nil {
                throw ValidationError(
                    "--field \(field) is not a mirrored field; use one of "
                        + PlaneField.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }

        func run() async throws {
            let settings = try await common.settings()
            let chosen = fields.compactMap(BoardValuesFromPlane.field(named:))
            let resolution = ConflictResolution(
                choice: keepBoard ? .keepBoard : .takePlane(fields: chosen.isEmpty ? nil : chosen),
                by: by ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown", note: note)
            do {
                let done = try await common.withDatabase(settings) { database in
                    let engine = SyncEngine(database: database, settings: settings, logger: Logger(label: "boardsync"))
                    return try await ConflictResolver(engine: engine).resolve(id, resolution)
                }
                Terminal.line(done)
            } catch let error as ConflictResolutionError {
                throw CommandFailure(2, error.description)
            }
        }
    }
}
