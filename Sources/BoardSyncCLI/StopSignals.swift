import BoardSync
import Foundation
import Synchronization
import UnixSignals

/// SIGTERM and SIGINT for a one-shot command (`sync`, `resync`), handled as the daemon handles them: the
/// first asks the runs to stop at a safe point (``RunStop``); a second one ends the process at once, and
/// the lease then expires by itself.
enum StopSignals {
    static func trap(_ stop: RunStop) async -> Task<Void, Never> {
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        return Task {
            var received = 0
            for await signal in signals {
                received += 1
                guard received == 1 else {
                    Terminal.error("\(signal) again: exiting now; the integration's lease expires by itself")
                    exit(143)
                }
                Terminal.error(
                    "\(signal) received: finishing the action in flight, saving the checkpoint and releasing the "
                        + "lease (send it again to exit at once)")
                stop.request("\(signal)")
            }
        }
    }
}

/// A yes/no question on the terminal that a stop can interrupt (reading standard input blocks a thread, so
/// it happens on one of its own): interrupted, the answer is no.
enum Prompt {
    static func yes(_ question: String) async -> Bool {
        Terminal.ask(question)
        let answer = Answer()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                answer.wait(continuation)
                Thread.detachNewThread {
                    let line = readLine()
                    answer.give(["y", "yes"].contains(line?.trimmingCharacters(in: .whitespaces).lowercased()))
                }
            }
        } onCancel: {
            answer.give(false)
        }
    }

    /// The answer, given once: by the person or by a stop, whichever comes first.
    private final class Answer: Sendable {
        private let state = Mutex<(waiting: CheckedContinuation<Bool, Never>?, given: Bool?)>((nil, nil))

        func wait(_ continuation: CheckedContinuation<Bool, Never>) {
            let given = state.withLock { state -> Bool? in
                if state.given == nil { state.waiting = continuation }
                return state.given
            }
            if let given { continuation.resume(returning: given) }
        }

        func give(_ value: Bool) {
            let waiting = state.withLock { state -> CheckedContinuation<Bool, Never>? in
                guard state.given == nil else { return nil }
                state.given = value
                defer { state.waiting = nil }
                return state.waiting
            }
            waiting?.resume(returning: value)
        }
    }
}
