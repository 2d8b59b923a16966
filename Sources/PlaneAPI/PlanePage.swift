/// One page of a paginated Plane list (`OffsetPaginator`'s envelope).
///
/// Stop paging when ``nextPageResults`` is false: ``nextCursor`` is set even on the last page.
public struct PlanePage<Item: Decodable & Sendable>: Sendable, Decodable {
    public let results: [Item]
    public let nextCursor: String?
    public let prevCursor: String?
    public let nextPageResults: Bool
    public let prevPageResults: Bool?
    public let count: Int?
    public let totalCount: Int?
    public let totalPages: Int?

    public init(
        results: [Item], nextCursor: String?, nextPageResults: Bool, prevCursor: String? = nil,
        prevPageResults: Bool? = nil, count: Int? = nil, totalCount: Int? = nil, totalPages: Int? = nil
    ) {
        self.results = results
        self.nextCursor = nextCursor
        self.prevCursor = prevCursor
        self.nextPageResults = nextPageResults
        self.prevPageResults = prevPageResults
        self.count = count
        self.totalCount = totalCount
        self.totalPages = totalPages
    }

    /// The cursor of the next page, or `nil` when this is the last one.
    public var cursorForNextPage: String? {
        nextPageResults ? nextCursor : nil
    }

    enum CodingKeys: String, CodingKey {
        case results, count
        case nextCursor = "next_cursor"
        case prevCursor = "prev_cursor"
        case nextPageResults = "next_page_results"
        case prevPageResults = "prev_page_results"
        case totalCount = "total_count"
        case totalPages = "total_pages"
    }
}
