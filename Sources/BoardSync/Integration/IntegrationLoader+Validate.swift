import Foundation
import MongoDriver

extension IntegrationLoader {
    /// Checks every field a run needs and names each problem: every field of the wrong type (`enabled:
    /// "yes"`, `rate_limit: 60`, `scope.exclude_statuses: "cancelled"`), then what is missing or wrong in
    /// the rest. A value is never shown when it could be a secret, and the type is named instead.
    public static func validate(_ document: BSONDocument) throws(IntegrationError) -> Integration {
        let id = document["_id"].map(BSONDecoder.describeId) ?? "(no _id)"
        var pruned = document
        var typeProblems: [IntegrationError.Problem] = []
        var stored: IntegrationDocument?
        // Decoding stops at the first field of the wrong type: it is named, taken out, and the rest decoded
        // again, so that every such field is named at once (each round removes one; a handful at most).
        while stored == nil {
            do {
                stored = try BSONDecoder().decode(IntegrationDocument.self, from: pruned)
            } catch {
                typeProblems.append(IntegrationError.Problem(field: fieldName(error.path), reason: reason(error)))
                guard !error.path.isEmpty, let next = pruned.removing(path: error.path), next != pruned else {
                    throw IntegrationError(integrationId: id, problems: typeProblems)
                }
                pruned = next
            }
        }
        guard let stored else { throw IntegrationError(integrationId: id, problems: typeProblems) }
        var validation = IntegrationValidation(document: stored)
        let integration = validation.integration()
        // A field taken out for its type is not also "missing", nor is the document or list holding it.
        func related(_ one: String, _ other: String) -> Bool {
            one == other || one.hasPrefix(other + ".") || one.hasPrefix(other + "[")
        }
        let problems =
            typeProblems
            + validation.problems.filter { problem in
                !typeProblems.contains { related(problem.field, $0.field) || related($0.field, problem.field) }
            }
        guard let integration, problems.isEmpty else {
            throw IntegrationError(integrationId: id, problems: problems)
        }
        return integration
    }

    private static func fieldName(_ path: String) -> String {
        path.isEmpty ? "(document)" : path
    }

    /// `expected a boolean, found string` as an operator reads it: `must be true or false (it is a string)`.
    private static func reason(_ error: BSONError) -> String {
        guard error.code == .typeMismatch, let match = error.reason.wholeMatch(of: /expected (.+), found (.+)/)
        else { return error.reason }
        let expected =
            switch match.output.1 {
            case "a boolean": "true or false"
            case "an integer": "a whole number"
            case let other: String(other)
            }
        let found =
            switch match.output.2 {
            case "int", "long", "double", "decimal": "a number"
            case "bool": "true or false"
            case "object": "a document"
            case "array": "an array"
            case "objectId": "an ObjectId"
            case "null": "null"
            case let other: "a " + other
            }
        return "must be \(expected) (it is \(found))"
    }
}

extension BSONDocument {
    /// This document without the value at `path` (`a.b`, `projects[1].plane_project_id`). A field inside
    /// an array's element is removed from that element; a wrong element itself takes its whole array with it
    /// (removing it alone would shift the indexes the next problems are named by). Nil when the path leads
    /// nowhere.
    func removing(path: String) -> BSONDocument? {
        var components: [PathComponent] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                components.append(.key(String(rest[..<bracket])))
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    guard let index = Int(rest[rest.index(after: rest.startIndex)..<close]) else { return nil }
                    components.append(.index(index))
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                components.append(.key(String(rest)))
            }
        }
        if case .index? = components.last {
            while case .index? = components.last { components.removeLast() }
        }
        guard let result = BSONValue.document(self).removing(components[...]), case .document(let document) = result
        else { return nil }
        return document
    }
}

private enum PathComponent {
    case key(String)
    case index(Int)
}

extension BSONValue {
    fileprivate func removing(_ components: ArraySlice<PathComponent>) -> BSONValue? {
        guard let first = components.first else { return nil }
        switch (self, first) {
        case (.document(var document), .key(let key)):
            guard let inner = document[key] else { return nil }
            if components.count == 1 {
                document[key] = nil
            } else {
                guard let removed = inner.removing(components.dropFirst()) else { return nil }
                document[key] = removed
            }
            return .document(document)
        case (.array(var array), .index(let index)):
            guard array.indices.contains(index), components.count > 1,
                let removed = array[index].removing(components.dropFirst())
            else { return nil }
            array[index] = removed
            return .array(array)
        default:
            return nil
        }
    }
}
