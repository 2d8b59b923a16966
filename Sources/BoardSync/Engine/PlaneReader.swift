import Essentials
import Foundation
import PlaneAPI
import SyncCore

/// Reads Plane's work items: the recent changes down to the watermark, or every item of a project.
struct PlaneReader: Sendable {
    struct Read: Sendable {
        var items: [PlaneItemSnapshot] = []
        /// Plane's newest `updated_at` seen, exactly as Plane wrote it.
        var newest: PlaneTimestamp?
        var pages = 0
        /// The items as Plane listed them, by id: an adoption that changes nothing needs no GET.
        var workItems: [String: PlaneWorkItem] = [:]
        /// Every item on the pages received, changed or not (what the project shows, as far as read).
        var visibleIds: Set<String> = []
        /// The project's `total_count` (every item it shows), from the first page.
        var shown: Int?
        /// The last page received was the last: `visibleIds` holds every item the project shows.
        var whole = false
    }

    let client: PlaneClient
    /// Items per page: one page covers a normal run's changes.
    var pageSize = 250
    /// How far before the watermark to keep reading (commit lag, clock skew between Plane's workers).
    var skew: Duration = .seconds(5)

    /// Items changed since `watermark` (every item when there is none), newest first, deduplicated by id.
    func recentChanges(project: String, since watermark: PlaneTimestamp?) async throws -> Read {
        let stop = watermark.map { $0.microsecondsSinceEpoch - skew.inMicroseconds }
        var read = Read()
        var seen = Set<String>()
        let query = PlaneListQuery(perPage: pageSize, orderBy: "-updated_at")
        pages: for try await page in client.workItems(project: project, query: query) {
            read.pages += 1
            if read.shown == nil { read.shown = page.totalCount }
            read.visibleIds.formUnion(page.results.map(\.id))
            read.whole = !page.nextPageResults
            for item in page.results {
                CrashPoint.hit(.midPlaneListing)
                guard let updated = item.updatedAt else { continue }
                if read.newest.map({ updated > $0 }) ?? true { read.newest = updated }
                if let stop, updated.microsecondsSinceEpoch < stop { break pages }
                if seen.insert(item.id).inserted {
                    read.items.append(PlaneConversion.snapshot(of: item, project: project))
                    read.workItems[item.id] = item
                }
            }
        }
        return read
    }

    /// Every visible item of the project (a full listing for `resync`).
    func all(project: String) async throws -> Read {
        try await recentChanges(project: project, since: nil)
    }

    /// Which items the project shows, in as few requests as Plane allows (1,000 a page).
    func visible(project: String) async throws -> Read {
        try await PlaneReader(client: client, pageSize: 1000, skew: skew).recentChanges(project: project, since: nil)
    }
}
