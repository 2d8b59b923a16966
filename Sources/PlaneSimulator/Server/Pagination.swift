/// Plane's `OffsetPaginator`: a `per_page:page:is_prev` cursor over a sorted list, default and max 1000.
struct Pagination: Sendable {
    var perPage: Int
    var page: Int

    init(_ request: SimRequest) throws(PlaneError) {
        perPage = 1000
        if let text = request.queryValue("per_page") {
            guard let value = Int(text) else { throw .detail(400, "Invalid per_page parameter.") }
            guard value <= 1000 else { throw .detail(400, "Invalid per_page value. Cannot exceed 1000.") }
            guard value > 0 else { throw .serverError }
            perPage = value
        }
        page = 0
        if let cursor = request.queryValue("cursor") {
            let parts = cursor.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 3, let _ = Int(parts[0]), let page = Int(parts[1]), let _ = Int(parts[2]) else {
                throw .detail(400, "Invalid cursor parameter.")
            }
            guard page >= 0 else { throw .detail(400, "Error in parsing") }
            self.page = page
        }
    }

    /// The paginated envelope with every key Plane sends.
    func envelope(_ results: [SimJSON]) -> SimJSON {
        let total = results.count
        let start = min(page * perPage, total)
        let end = min(start + perPage, total)
        let slice = Array(results[start..<end])
        return [
            "grouped_by": nil, "sub_grouped_by": nil, "total_count": .int(total),
            "next_cursor": .string("\(perPage):\(page + 1):0"), "prev_cursor": .string("\(perPage):\(page - 1):1"),
            "next_page_results": .bool(total > (page + 1) * perPage), "prev_page_results": .bool(page > 0),
            "count": .int(slice.count), "total_pages": .int((total + perPage - 1) / perPage),
            "total_results": .int(total), "extra_stats": nil, "results": .array(slice),
        ]
    }
}
