import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PlaneSimulator
import Synchronization

/// A tiny webhook receiver on loopback: records every request exactly as it arrived (method, path,
/// headers, body bytes) and answers as scripted, so tests see what the simulator sends.
final class WebhookRecorder: Sendable {
    enum Answer: Sendable {
        case status(Int)
        /// The status line and a few bytes of body, then the connection closes: no complete answer.
        case drop
    }

    struct Received: Sendable {
        var method: String
        var path: String
        var headers: HTTPFields
        var body: [UInt8]

        func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let url: URL
    private let state: Mutex<(received: [Received], script: [Answer])>
    private let task: Task<Void, any Error>

    private init(url: URL, task: Task<Void, any Error>) {
        self.url = url
        self.state = Mutex(([], []))
        self.task = task
    }

    var received: [Received] { state.withLock { $0.received } }

    /// Answers the next requests with `answers`, in order; after them, 200.
    func script(_ answers: [Answer]) { state.withLock { $0.script = answers } }

    static func start(path: String = "/plane") async throws -> WebhookRecorder {
        let holder = Holder()
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            responder: Responder(holder: holder),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }, logger: .planeSimSilent)
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try await iterator.next().orThrow()
        let recorder = WebhookRecorder(url: URL(string: "http://127.0.0.1:\(port)\(path)")!, task: task)
        holder.recorder.withLock { $0 = recorder }
        return recorder
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    /// For a `defer`: stops the server without waiting for it to close.
    func stopInBackground() { task.cancel() }

    fileprivate func record(_ request: Received) -> Answer {
        state.withLock { state in
            state.received.append(request)
            return state.script.isEmpty ? .status(200) : state.script.removeFirst()
        }
    }

    private final class Holder: Sendable {
        let recorder = Mutex<WebhookRecorder?>(nil)
    }

    private struct Dropped: Error {}

    private struct Responder: HTTPResponder {
        let holder: Holder

        func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
            let body = try await request.body.collect(upTo: 1 << 20)
            let received = Received(
                method: request.method.rawValue, path: request.uri.path, headers: request.headers,
                body: Array(body.readableBytesView))
            guard let recorder = holder.recorder.withLock({ $0 }) else { return Response(status: .serviceUnavailable) }
            switch recorder.record(received) {
            case .status(let code):
                return Response(status: HTTPResponse.Status(code: code))
            case .drop:
                return Response(
                    status: .ok, headers: [.contentLength: "64"],
                    body: ResponseBody(contentLength: 64) { writer in
                        try await writer.write(ByteBuffer(string: "{\""))
                        throw Dropped()
                    })
            }
        }
    }
}

extension Optional {
    fileprivate func orThrow() throws -> Wrapped {
        guard let self else { throw CocoaError(.coderValueNotFound) }
        return self
    }
}
