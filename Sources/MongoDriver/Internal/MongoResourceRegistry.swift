import Synchronization

/// Something that holds a pooled connection across jobs and must end before its client closes.
protocol MongoResource: AnyObject, Sendable {
    func close() async
}

/// The client's open cursors, change streams and sessions, so ``MongoClient/close()`` can end them.
final class MongoResourceRegistry: Sendable {
    private struct WeakResource {
        weak var resource: (any MongoResource)?
    }

    private let open = Mutex<[ObjectIdentifier: WeakResource]>([:])

    func add(_ resource: any MongoResource) {
        open.withLock { $0[ObjectIdentifier(resource)] = WeakResource(resource: resource) }
    }

    func remove(_ resource: any MongoResource) {
        _ = open.withLock { $0.removeValue(forKey: ObjectIdentifier(resource)) }
    }

    /// Every resource still open, removed from the registry.
    func drain() -> [any MongoResource] {
        open.withLock { entries in
            defer { entries.removeAll() }
            return entries.values.compactMap(\.resource)
        }
    }
}
