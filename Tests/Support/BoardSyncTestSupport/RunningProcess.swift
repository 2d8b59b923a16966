import Foundation
import Synchronization

/// A program started in the background (a daemon under test): signal it, read what it printed so far, wait
/// for its end. Its output is drained on threads of its own, so it never blocks on a full pipe and Swift's
/// cooperative threads never block.
public final class RunningProcess: Sendable {
    public let pid: Int32
    private let output = Mutex(Data())
    private let errors = Mutex(Data())
    private let ended = Mutex<(status: Int32?, waiters: [CheckedContinuation<Int32, Never>])>((nil, []))

    public static func start(_ executable: URL, arguments: [String], environment: [String: String]? = nil) throws
        -> RunningProcess
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let (outputPipe, errorPipe) = (Pipe(), Pipe())
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let running = RunningProcess(pid: process.processIdentifier)
        let reading = DispatchGroup()
        for (pipe, isErrors) in [(outputPipe, false), (errorPipe, true)] {
            reading.enter()
            let handle = pipe.fileHandleForReading
            Thread.detachNewThread {
                while case let chunk = handle.availableData, !chunk.isEmpty {
                    running.append(chunk, toErrors: isErrors)
                }
                reading.leave()
            }
        }
        Thread.detachNewThread {
            process.waitUntilExit()
            reading.wait()
            let status = process.terminationStatus
            let waiters = running.ended.withLock { state in
                state.status = status
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: status) }
        }
        return running
    }

    private init(pid: Int32) {
        self.pid = pid
    }

    private func append(_ chunk: Data, toErrors: Bool) {
        if toErrors {
            errors.withLock { $0.append(chunk) }
        } else {
            output.withLock { $0.append(chunk) }
        }
    }

    public func signal(_ signal: Int32) {
        kill(pid, signal)
    }

    /// What it wrote to standard output and standard error so far.
    public var outputSoFar: String { output.withLock { String(decoding: $0, as: UTF8.self) } }
    public var errorsSoFar: String { errors.withLock { String(decoding: $0, as: UTF8.self) } }

    public var hasEnded: Bool { ended.withLock { $0.status != nil } }

    /// Waits for it to end; its exit status (or the signal's number for a killed process, as ``ChildProcess``).
    public func wait() async -> ChildProcess.Result {
        let status = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let known = ended.withLock { state -> Int32? in
                if let status = state.status { return status }
                state.waiters.append(continuation)
                return nil
            }
            if let known { continuation.resume(returning: known) }
        }
        return ChildProcess.Result(status: status, output: outputSoFar, errors: errorsSoFar)
    }

    /// Waits at most `timeout` for it to end; nil if it is still running then.
    public func wait(atMost timeout: Duration) async -> ChildProcess.Result? {
        let deadline = ContinuousClock.now + timeout
        while !hasEnded, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return hasEnded ? await wait() : nil
    }
}
