/// Counts the pool's clients so that a job never blocks a thread in `mongoc_client_pool_pop`: a task
/// waits here, suspended, until a client is free, and only then takes a thread.
actor ClientGate {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(size: Int) {
        available = size
    }

    func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            available += 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
