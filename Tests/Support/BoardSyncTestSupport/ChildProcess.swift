import Essentials
import Foundation

/// Runs a program to completion without blocking Swift's cooperative threads: the waiting happens on a
/// thread of its own, so in-process servers (the Plane simulator) keep answering the child meanwhile.
public enum ChildProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var errors: String
    }

    /// - Parameters:
    ///   - killAfter: send `signal` (SIGKILL unless told) to the program if it is still running then (a
    ///     crash, or a stop, at a random moment); after a SIGKILL that landed the result's status is 9.
    public static func run(
        _ executable: URL, arguments: [String], environment: [String: String]? = nil, killAfter: Duration? = nil,
        signal: Int32 = SIGKILL
    ) async throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let (output, errors) = (Pipe(), Pipe())
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        if let killAfter {
            let pid = process.processIdentifier
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: killAfter.inSeconds)
                // Still ours: the pipes are open until the waiting thread below has reaped the process.
                if process.isRunning { kill(pid, signal) }
            }
        }
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let group = DispatchGroup()
                nonisolated(unsafe) var errorData = Data()
                group.enter()
                Thread.detachNewThread {
                    errorData = errors.fileHandleForReading.readDataToEndOfFile()
                    group.leave()
                }
                let outputData = output.fileHandleForReading.readDataToEndOfFile()
                group.wait()
                process.waitUntilExit()
                continuation.resume(
                    returning: Result(
                        status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                        errors: String(decoding: errorData, as: UTF8.self)))
            }
        }
    }
}
