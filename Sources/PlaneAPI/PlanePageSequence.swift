/// The pages of a Plane list, fetched one at a time as they are iterated.
///
/// Follows `next_cursor` while `next_page_results` is true, and stops there: Plane sets
/// `next_cursor` on the last page too. A page that claims more results but repeats its cursor
/// ends the sequence with ``PlaneAPIError/Code/invalidResponse`` instead of looping.
public struct PlanePageSequence<Item: Decodable & Sendable>: AsyncSequence, Sendable {
    public typealias Element = PlanePage<Item>

    let fetch: @Sendable (_ cursor: String?) async throws -> PlanePage<Item>
    let startCursor: String?
    let endpoint: String

    init(
        endpoint: String, startCursor: String? = nil,
        fetch: @escaping @Sendable (_ cursor: String?) async throws -> PlanePage<Item>
    ) {
        self.fetch = fetch
        self.startCursor = startCursor
        self.endpoint = endpoint
    }

    /// The items of every page, in order.
    public var items: PlaneItemSequence<Item> { PlaneItemSequence(pages: self) }

    /// Every item of every page.
    public func collect() async throws -> [Item] {
        var all: [Item] = []
        for try await page in self { all += page.results }
        return all
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(fetch: fetch, cursor: startCursor, endpoint: endpoint)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let fetch: @Sendable (String?) async throws -> PlanePage<Item>
        var cursor: String?
        let endpoint: String
        var finished = false

        public mutating func next() async throws -> PlanePage<Item>? {
            guard !finished else { return nil }
            let page = try await fetch(cursor)
            if let next = page.cursorForNextPage, next != cursor {
                cursor = next
            } else {
                finished = true
                if page.nextPageResults {
                    throw PlaneAPIError(
                        code: .invalidResponse, method: "GET", endpoint: endpoint,
                        message: "next_page_results is true but next_cursor does not advance",
                        fieldPath: "next_cursor")
                }
            }
            return page
        }
    }
}

/// The items of a ``PlanePageSequence``, flattened.
public struct PlaneItemSequence<Item: Decodable & Sendable>: AsyncSequence, Sendable {
    public typealias Element = Item

    let pages: PlanePageSequence<Item>

    public func makeAsyncIterator() -> Iterator {
        Iterator(pages: pages.makeAsyncIterator())
    }

    public struct Iterator: AsyncIteratorProtocol {
        var pages: PlanePageSequence<Item>.Iterator
        var buffer: [Item] = []
        var position = 0

        public mutating func next() async throws -> Item? {
            while position == buffer.count {
                guard let page = try await pages.next() else { return nil }
                buffer = page.results
                position = 0
            }
            defer { position += 1 }
            return buffer[position]
        }
    }
}

/// A list body that is either a paginated envelope or a plain array (members, and whatever
/// Plane version serves links either way).
struct PlaneListBody<Item: Decodable & Sendable>: Decodable, Sendable {
    let page: PlanePage<Item>

    init(from decoder: any Decoder) throws {
        if (try? decoder.unkeyedContainer()) != nil {
            page = PlanePage(results: try [Item](from: decoder), nextCursor: nil, nextPageResults: false)
        } else {
            page = try PlanePage<Item>(from: decoder)
        }
    }
}
