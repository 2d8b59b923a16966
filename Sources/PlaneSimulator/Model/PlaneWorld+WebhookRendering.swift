/// The work item as Plane's webhook task serialises it (`get_model_data`): every model field, `state` and
/// `labels` as small objects, `assignees` as users, times in UTC; keys in the order of the recorded
/// deliveries (`fixtures/plane-samples/webhooks/`).
extension PlaneWorld {
    func renderWebhookItem(_ item: WorkItemRecord) -> SimJSON {
        let utc = PlaneTimezone.utc
        let state: SimJSON =
            item.stateID.flatMap { states[$0] }.map {
                [
                    "id": .string($0.id), "name": .string($0.name), "color": .string($0.color),
                    "group": .string($0.group),
                ]
            } ?? .optional(item.stateID)
        return [
            "id": .string(item.id),
            "labels": .array(
                item.labels.compactMap { labels[$0] }.map {
                    ["id": .string($0.id), "name": .string($0.name), "color": .string($0.color)]
                }),
            "assignees": .array(item.assignees.compactMap { users[$0] }.map(renderUserLite)),
            "state": state, "description": [:], "created_at": .string(utc.render(item.createdAt)),
            "updated_at": .string(utc.render(item.updatedAt)),
            "deleted_at": item.deletedAt.map { .string(utc.render($0)) } ?? nil,
            "point": item.point.map { .int($0) } ?? nil, "name": .string(item.name), "description_json": [:],
            "description_html": .string(item.descriptionHTML),
            "description_stripped": .string(Self.strippingTags(item.descriptionHTML)), "description_binary": nil,
            "priority": .string(item.priority), "start_date": .optional(item.startDate),
            "target_date": .optional(item.targetDate), "sequence_id": .int(item.sequenceID),
            "sort_order": .double(item.sortOrder),
            "completed_at": item.completedAt.map { .string(utc.render($0)) } ?? nil,
            "archived_at": .optional(item.archivedAt), "is_draft": false,
            "external_source": .optional(item.externalSource), "external_id": .optional(item.externalID),
            "created_by": .optional(item.createdBy), "updated_by": .optional(item.updatedBy),
            "project": .string(item.projectID), "workspace": .string(workspaceID), "parent": .optional(item.parentID),
            "estimate_point": nil, "type": nil,
        ]
    }

    /// Django's `strip_tags`, as Plane fills `description_stripped`: the text without its tags.
    static func strippingTags(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" {
                inTag = true
            } else if character == ">" && inTag {
                inTag = false
            } else if !inTag {
                text.append(character)
            }
        }
        return text
    }
}
