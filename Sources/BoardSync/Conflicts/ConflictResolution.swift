import Foundation
import SyncCore

/// What an admin decided about a conflict report (`boardsync conflicts resolve`).
public struct ConflictResolution: Sendable {
    public enum Choice: Sendable, Equatable {
        /// The board wins: the next run pushes its values over Plane's.
        case keepBoard
        /// Plane wins for these fields (nil: every field of the report): they are written into the board item.
        case takePlane(fields: [PlaneField]?)
    }

    public var choice: Choice
    /// Who resolved it (recorded on the report and the event).
    public var by: String
    public var note: String?

    public init(choice: Choice, by: String, note: String? = nil) {
        self.choice = choice
        self.by = by
        self.note = note
    }
}

/// Why a resolution was refused: each says what to do instead.
public struct ConflictResolutionError: Error, Sendable, CustomStringConvertible {
    public var description: String

    init(_ description: String) { self.description = description }
}
