/// Field-by-field comparisons between desired, base and current Plane values.
struct FieldComparison {
    var labelMode: SyncConfiguration.LabelMode

    /// Desired values with, under `merge`, the labels people added in Plane kept.
    func effectiveDesired(_ desired: PlaneValues, current: PlaneValues, owned: Set<String>) -> PlaneValues {
        guard labelMode == .merge else { return desired }
        var result = desired
        result.labelIds = desired.labelIds + current.labelIds.filter { !owned.contains($0) }
        return result
    }

    /// Fields Plane changed since `base`. Under `merge`, only labels BoardSync owns count.
    func planeEdits(base: PlaneValues, current: PlaneValues, owned: Set<String>) -> [PlaneField] {
        PlaneField.allCases.filter { field in
            if field == .labels, labelMode == .merge {
                return base.labelIds.filter(owned.contains) != current.labelIds.filter(owned.contains)
            }
            return base.value(of: field) != current.value(of: field)
        }
    }

    /// Fields where `predicted` (the canonical desired values) differs from `reference`.
    func differing(_ predicted: PlaneValues, _ reference: PlaneValues) -> [PlaneField] {
        PlaneField.allCases.filter { predicted.value(of: $0) != reference.value(of: $0) }
    }

    /// PATCH entries for `fields`: old from `old`, new from what is sent.
    func changes(_ fields: [PlaneField], old: PlaneValues, new: PlaneValues) -> [FieldChange] {
        fields.sorted().map { FieldChange(field: $0, old: old.value(of: $0), new: new.value(of: $0)) }
    }

    /// Adds a labels entry when labels must be created, so the executor writes them after `createLabel`.
    func withMissingLabels(_ changes: [FieldChange], payload: DesiredPayload, old: PlaneValues, new: PlaneValues)
        -> [FieldChange]
    {
        guard !payload.missingLabels.isEmpty, !changes.contains(where: { $0.field == .labels }) else { return changes }
        return (changes + [FieldChange(field: .labels, old: old.value(of: .labels), new: new.value(of: .labels))])
            .sorted { $0.field < $1.field }
    }
}
