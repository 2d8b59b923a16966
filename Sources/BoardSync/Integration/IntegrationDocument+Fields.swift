import MongoDriver

extension IntegrationDocument {
    /// Fields BoardSync does not read, by path (`enable`, `policy.delete`, `projects[1].plane_project`):
    /// a misspelt field is not an error (the platform may add its own) but it changes nothing, and a
    /// misspelt `scope.exclude_statuses` or `policy.deletes` silently means the default. `_comment…`
    /// fields and the platform's `created_at`/`updated_at` are expected.
    static func unknownFields(in document: BSONDocument) -> [String] {
        func names<Keys: CodingKey & CaseIterable & RawRepresentable<String>>(_: Keys.Type) -> Set<String> {
            Set(Keys.allCases.map(\.rawValue))
        }
        func unknown(_ document: BSONDocument, _ known: Set<String>, at prefix: String) -> [String] {
            document.keys.filter { !known.contains($0) && !$0.hasPrefix("_comment") }.map { prefix + $0 }
        }
        var found = unknown(document, names(CodingKeys.self).union(["created_at", "updated_at"]), at: "")
        let nested: [(String, Set<String>)] = [
            ("credentials", names(Credentials.CodingKeys.self)), ("mapping", names(Mapping.CodingKeys.self)),
            ("scope", names(Scope.CodingKeys.self)), ("policy", names(Policy.CodingKeys.self)),
            ("sync_state", names(SyncState.CodingKeys.self)),
        ]
        for (key, known) in nested {
            if case .document(let inner)? = document[key] { found += unknown(inner, known, at: key + ".") }
        }
        if case .array(let projects)? = document["projects"] {
            for (index, project) in projects.enumerated() {
                guard case .document(let entry) = project else { continue }
                found += unknown(entry, names(Project.CodingKeys.self), at: "projects[\(index)].")
            }
        }
        return found
    }
}
