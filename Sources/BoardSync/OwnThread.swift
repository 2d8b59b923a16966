import Foundation

/// Runs CPU-bound SyncCore work that calls C libraries (cmark-gfm renders descriptions while a plan is
/// made, an item explained, Plane's HTML taken back) on a thread of its own, never on Swift's cooperative
/// pool: a long plan would otherwise hold one of its few threads (two on a two-core machine) and stall
/// every other task, lease renewal and signal handling included. One thread per call: these run a few
/// times per run, and the thread ends with its work.
enum OwnThread {
    /// `body`'s result, computed on a new thread named `name`; the calling task waits suspended.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await run("boardsync-cpu", body)
    }

    static func run<T: Sendable>(_ name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.name = name
            // Deep enough for SyncCore's recursion over long parent chains and nested lists.
            thread.stackSize = 16 << 20
            thread.start()
        }
    }
}
