import Foundation

// Every key is always written (`null` when there is no value), like the conflict reports' JSON, so a
// script reading `explain --json` never has to guess whether a key exists. Decoding is synthesised.

extension ItemExplanation {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(integration, forKey: .integration)
        try container.encode(boardItemId, forKey: .boardItemId)
        try container.encode(idType, forKey: .idType)
        try container.encode(board, forKey: .board)
        try container.encode(link, forKey: .link)
        try container.encode(neverMirrored, forKey: .neverMirrored)
        try container.encode(plane, forKey: .plane)
        try container.encode(fingerprints, forKey: .fingerprints)
        try container.encode(payload, forKey: .payload)
        try container.encode(fields, forKey: .fields)
        try container.encode(nextSync, forKey: .nextSync)
        try container.encode(conflicts, forKey: .conflicts)
        try container.encode(names, forKey: .names)
    }
}

extension ItemExplanation.Board {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(found, forKey: .found)
        try container.encode(readProblem, forKey: .readProblem)
        try container.encode(projectId, forKey: .projectId)
        try container.encode(title, forKey: .title)
        try container.encode(status, forKey: .status)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(deletedAt, forKey: .deletedAt)
        try container.encode(outOfScope, forKey: .outOfScope)
        try container.encode(planeProjectId, forKey: .planeProjectId)
    }
}

extension ItemExplanation.LinkInfo {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
        try container.encode(planeProjectId, forKey: .planeProjectId)
        try container.encode(planeItemId, forKey: .planeItemId)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(nextAttemptAt, forKey: .nextAttemptAt)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(lastSyncedAt, forKey: .lastSyncedAt)
        try container.encode(lastAttemptAt, forKey: .lastAttemptAt)
    }
}

extension ItemExplanation.Plane {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(found, forKey: .found)
        try container.encode(itemId, forKey: .itemId)
        try container.encode(url, forKey: .url)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(updatedBy, forKey: .updatedBy)
        try container.encode(error, forKey: .error)
    }
}

extension ItemExplanation.Payload {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ready, forKey: .ready)
        try container.encode(problem, forKey: .problem)
        try container.encode(waitingForParent, forKey: .waitingForParent)
        try container.encode(missingLabels, forKey: .missingLabels)
        try container.encode(notes, forKey: .notes)
    }
}

extension ItemExplanation.Action {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(action, forKey: .action)
        try container.encode(message, forKey: .message)
        try container.encode(planeItemId, forKey: .planeItemId)
    }
}
