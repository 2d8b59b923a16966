import CMongoC
import Synchronization

/// A libmongoc cursor (or change stream) and the pooled connection it came from.
///
/// `@unchecked Sendable`: the cursor is only touched by executor jobs that hold `lock`, one at a time;
/// `close()` takes the same lock, so a cursor is never destroyed while a job reads it.
final class CursorHandle: MongoResource, @unchecked Sendable {
    enum Kind { case cursor, changeStream }

    private let lock = Mutex<Void>(())
    private var pointer: OpaquePointer?
    private var connection: PooledConnection?
    let kind: Kind

    init(pointer: OpaquePointer, connection: PooledConnection, kind: Kind) {
        self.pointer = pointer
        self.connection = connection
        self.kind = kind
        connection.client.resources.add(self)
    }

    /// Runs `body` on an executor thread with the cursor; `nil` pointer once closed.
    func withPointer<T: Sendable>(_ body: @escaping @Sendable (OpaquePointer?) throws -> T) async throws -> T {
        guard let executor = lock.withLock({ _ in connection?.client.executor }) else { return try body(nil) }
        return try await executor.run { [self] in
            try lock.withLock { _ in try body(pointer) }
        }
    }

    /// The client's executor while the cursor is open, for work on bytes already read that needs no cursor.
    var executor: BlockingExecutor? { lock.withLock { _ in connection?.client.executor } }

    /// Destroys the cursor and returns its connection; idempotent.
    func close() async {
        guard let executor = lock.withLock({ _ in connection?.client.executor }) else { return }
        _ = try? await executor.run { [self] in destroyLocked() }
    }

    /// A cursor dropped before its end (a loop left early) is destroyed on an executor thread.
    deinit {
        guard let connection else { return }
        let leftover = CursorLeftover(pointer: pointer, kind: kind)
        connection.client.executor.submit {
            leftover.destroy()
            connection.checkInFromExecutor()
        }
    }

    private func destroyLocked() {
        let released: PooledConnection? = lock.withLock { _ in
            guard let connection else { return nil }
            CursorLeftover(pointer: pointer, kind: kind).destroy()
            pointer = nil
            self.connection = nil
            return connection
        }
        guard let released else { return }
        released.client.resources.remove(self)
        released.checkInFromExecutor()
    }
}

/// What a dropped ``CursorHandle`` leaves to destroy. `@unchecked Sendable`: handed to one job, used once.
private struct CursorLeftover: @unchecked Sendable {
    let pointer: OpaquePointer?
    let kind: CursorHandle.Kind

    func destroy() {
        guard let pointer else { return }
        switch kind {
        case .cursor: mongoc_cursor_destroy(pointer)
        case .changeStream: mongoc_change_stream_destroy(pointer)
        }
    }
}
