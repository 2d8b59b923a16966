import Foundation

/// A fixed set of dedicated threads for libmongoc's blocking calls, so none of them ever runs on (and
/// stalls) Swift's cooperative thread pool.
///
/// `@unchecked Sendable`: the job queue and the shutdown flag are only touched under `condition`.
final class BlockingExecutor: @unchecked Sendable {
    private let condition = NSCondition()
    /// Queued jobs from `head` on; taken slots are cleared so a finished job releases what it captured.
    private var jobs: [(@Sendable () -> Void)?] = []
    private var head = 0
    private var running = 0
    private var shuttingDown = false

    init(threadCount: Int, name: String) {
        precondition(threadCount > 0, "an executor needs at least one thread")
        for index in 0..<threadCount {
            let thread = Thread { [self] in work() }
            thread.name = "\(name)-\(index)"
            thread.stackSize = 1 << 20
            running += 1
            thread.start()
        }
    }

    /// Runs `body` on one of the executor's threads and resumes the caller with its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let accepted = submit { continuation.resume(with: Result { try body() }) }
            if !accepted {
                continuation.resume(throwing: MongoError.clientClosed())
            }
        }
    }

    /// Queues `job`; `false` once the executor is shutting down.
    @discardableResult
    func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !shuttingDown else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// Lets queued jobs finish, then stops the threads and waits for them.
    func shutdown() {
        condition.lock()
        shuttingDown = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while head == jobs.count, !shuttingDown { condition.wait() }
            if head == jobs.count {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let job = jobs[head]
            jobs[head] = nil
            head += 1
            if head > 1024, head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job?()
        }
    }
}
