import Crypto
import Foundation

/// The two fingerprints of a link (docs/architecture.md, "How a sync decides"), as SHA-256 hex over an unambiguous serialisation.
///
/// Each field is written as `key=<length>:<value>;` (nil as `key=-;`), lists sorted, so the
/// result depends neither on label/assignee order nor on separators inside values.
public enum Fingerprint {
    /// The renderer's version (``DescriptionRenderer/version``): a new one makes every link's board side
    /// "changed", and the three-way compare then writes only the descriptions whose canonical rendering
    /// differs from the base Plane stored; the others are re-stamped without a write.
    public static let rendererVersion = DescriptionRenderer.version

    /// Hash of the board fields BoardSync owns, the part of the mapping that shapes this item's payload, and
    /// the renderer version. A mapping changed without raising `mapping.version` (a status moved to another
    /// state, a priority mapped anew) changes the fingerprint of exactly the items it alters.
    public static func input(_ item: BoardItem, mapping: SyncConfiguration.Mapping) -> String {
        inputDigest(item, mapping: mapping).hex
    }

    /// ``input(_:mapping:)`` before it is written as hex: the plan compares it with the link's, and writes
    /// it only where an action records it.
    static func inputDigest(_ item: BoardItem, mapping: SyncConfiguration.Mapping) -> InputFingerprint {
        let digest = FingerprintWriter.digest { writer in
            writer.add("v", "input-2")
            writer.add("mapping", Int64(mapping.version))
            writer.add("renderer", Int64(rendererVersion))
            // `=` marks a value that is not mapped and goes to Plane by its own name (or is reported).
            writer.addMapped("mapping.status", item.status, in: mapping.status)
            writer.addMapped("mapping.priority", item.priority, in: mapping.priority)
            writer.add("mapping.labels", mapping.labels.rawValue)
            writer.add("mapping.timezone", item.startDate == nil && item.dueDate == nil ? nil : mapping.timezone)
            writer.add("mapping.backlink_template", mapping.backlinkTemplate)
            writer.add("project_id", item.projectId)
            writer.add("title", item.title)
            writer.add("description", item.description)
            writer.add("status", item.status)
            writer.add("priority", item.priority)
            writer.addSorted("labels", item.labels)
            writer.addLowercasedSorted("assignees", item.assignees)
            writer.add("start_date", item.startDate.map(millis))
            writer.add("due_date", item.dueDate.map(millis))
            switch item.parentId {
            case nil: writer.add("parent_id", nil as String?)
            case .objectId(let hex): writer.add("parent_id", prefix: "oid:", hex)
            case .string(let text): writer.add("parent_id", prefix: "str:", text)
            }
        }
        return InputFingerprint(digest: digest)
    }

    /// Hash of Plane's values for the owned fields (ids sorted).
    public static func remote(_ values: PlaneValues) -> String {
        hex(
            FingerprintWriter.digest { writer in
                writer.add("v", "remote-1")
                for field in PlaneField.allCases {
                    switch values.value(of: field) {
                    case .null: writer.add(field.rawValue, nil as String?)
                    case .string(let text): writer.add(field.rawValue, text)
                    case .list(let items): writer.addSorted(field.rawValue, items)
                    }
                }
            })
    }

    /// SHA-256 of `bytes` (swift-crypto: BoringSSL on Linux, CryptoKit on Apple platforms) as 64 lowercase hex digits.
    static func hex(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    static func hex(_ digest: SHA256.Digest) -> String {
        String(unsafeUninitializedCapacity: 64) { buffer in
            var index = 0
            for byte in digest {
                buffer[index] = hexDigit(byte >> 4)
                buffer[index + 1] = hexDigit(byte & 0x0F)
                index += 2
            }
            return index
        }
    }

    /// The lowercase hex digit of `nibble` (0–15), by arithmetic: a table is a global behind a lazy check.
    fileprivate static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
    }

    /// Hash of what in the integration document decides items: projects, mapping, scope, the label caps.
    /// A change means every item may be decided differently: the next run reads the whole board.
    public static func configuration(_ configuration: SyncConfiguration) -> String {
        hex(
            FingerprintWriter.digest { writer in
                writer.add("v", "configuration-1")
                writer.add("external_source", configuration.externalSource)
                writer.add("projects", configuration.projects.map { $0.key + "=" + $0.value }.sorted())
                let mapping = configuration.mapping
                writer.add("mapping.version", String(mapping.version))
                writer.add("mapping.status", mapping.status.map { $0.key + "=" + $0.value }.sorted())
                writer.add("mapping.priority", mapping.priority.map { $0.key + "=" + $0.value }.sorted())
                writer.add("mapping.labels", mapping.labels.rawValue)
                writer.add("mapping.timezone", mapping.timezone)
                writer.add("mapping.backlink_template", mapping.backlinkTemplate)
                let scope = configuration.scope
                writer.add("scope.exclude_statuses", scope.excludeStatuses.sorted())
                writer.add("scope.exclude_labels", scope.excludeLabels.sorted())
                writer.add("scope.exclude_if_field", scope.excludeIfField)
                writer.add("policy.max_labels_per_item", String(configuration.policy.maxLabelsPerItem))
                writer.add("policy.max_label_creations_per_run", String(configuration.policy.maxLabelCreationsPerRun))
            })
    }

    /// Milliseconds since 1970, rounded, as the first version wrote them (`String` of this `Int64`).
    private static func millis(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}

extension FingerprintWriter {
    /// `value.map { table[$0] ?? "=" + $0 }`: the mapped name, or the value itself marked by `=`.
    mutating func addMapped(_ key: String, _ value: String?, in table: [String: String]) {
        guard let value else { return add(key, nil as String?) }
        if let mapped = table[value] { add(key, mapped) } else { add(key, prefix: "=", value) }
    }
}

/// A board item's input fingerprint as its digest: written as hex only where an action records it. Making the
/// 64-character string of every item (an allocation and a UTF-8 check) was a twentieth of a no-op plan, where
/// nearly every item is only compared with its link's.
struct InputFingerprint {
    let digest: SHA256.Digest

    var hex: String { Fingerprint.hex(digest) }

    /// True when `recorded` is this fingerprint's hex, compared byte by byte.
    func isRecorded(_ recorded: String?) -> Bool {
        guard let recorded else { return false }
        let compared = recorded.utf8.withContiguousStorageIfAvailable { stored in
            guard stored.count == 64 else { return false }
            var index = 0
            for byte in digest {
                guard stored[index] == Fingerprint.hexDigit(byte >> 4),
                    stored[index + 1] == Fingerprint.hexDigit(byte & 0x0F)
                else { return false }
                index += 2
            }
            return true
        }
        return compared ?? (recorded == hex)
    }
}
