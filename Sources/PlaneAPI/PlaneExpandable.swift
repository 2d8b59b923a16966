/// A reference Plane sends either as an id (the default) or, when the list was asked to
/// `expand` it, as a nested object. ``id`` works for both.
public enum PlaneExpandable<Object: PlaneIdentified>: Sendable, Hashable, Codable {
    case id(String)
    case expanded(Object)

    /// The referenced object's id, whichever form was sent.
    public var id: String {
        switch self {
        case .id(let id): return id
        case .expanded(let object): return object.id
        }
    }

    /// The nested object, when the field was expanded.
    public var object: Object? {
        if case .expanded(let object) = self { return object }
        return nil
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let id = try? container.decode(String.self) {
            self = .id(id)
        } else {
            self = .expanded(try container.decode(Object.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .id(let id):
            var container = encoder.singleValueContainer()
            try container.encode(id)
        case .expanded(let object):
            try object.encode(to: encoder)
        }
    }
}

/// A Plane object with an `id`: what ``PlaneExpandable`` can nest.
public protocol PlaneIdentified: Sendable, Hashable, Codable {
    var id: String { get }
}

/// An expanded object of which only the id is kept (`project`, `workspace`, `estimate_point`).
public struct PlaneObjectReference: PlaneIdentified {
    public let id: String

    public init(id: String) { self.id = id }
}

/// `expand=state` gives `{id, name, color, group}`.
public struct PlaneStateSummary: PlaneIdentified {
    public let id: String
    public let name: String?
    public let color: String?
    public let group: PlaneStateGroup?
}

/// `expand=parent` gives `{id, sequence_id, project_id}`.
public struct PlaneParentSummary: PlaneIdentified {
    public let id: String
    public let sequenceID: Int?
    public let projectID: String?

    enum CodingKeys: String, CodingKey {
        case id
        case sequenceID = "sequence_id"
        case projectID = "project_id"
    }
}
