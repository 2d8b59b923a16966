import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The daemon's webhook listener (`boardsync run --webhook-port N`), apart from `/metrics`: every request
/// goes to ``WebhookReceiver`` and is answered with its outcome's status, as soon as the delivery is
/// stored. A swift-service-lifecycle `Service`, stopped with the daemon's group.
public struct WebhookServer: Service {
    public var host: String
    /// 0 picks a free port (tests); `onListening` is told which.
    public var port: Int
    public var receiver: WebhookReceiver
    public var onListening: @Sendable (Int) async -> Void
    public var logger: Logger

    public init(
        host: String = "0.0.0.0", port: Int, receiver: WebhookReceiver,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }, logger: Logger
    ) {
        self.host = host
        self.port = port
        self.receiver = receiver
        self.onListening = onListening
        self.logger = logger
    }

    public func run() async throws {
        let onListening = self.onListening
        let app = Application(
            responder: Responder(receiver: receiver),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) }, logger: logger)
        try await app.run()
    }

    struct Responder: HTTPResponder {
        let receiver: WebhookReceiver

        func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            var webhookRequest = WebhookRequest(
                method: request.method.rawValue, path: request.uri.path, headers: headers, body: [])
            do {
                let body = try await request.body.collect(upTo: WebhookIntake.maximumBodyBytes)
                webhookRequest.body = Array(body.readableBytesView)
            } catch {
                webhookRequest.bodyTooLarge = true
            }
            let outcome = await receiver.receive(webhookRequest)
            var fields = HTTPFields()
            fields[.contentType] = "application/json"
            return Response(
                status: HTTPResponse.Status(code: outcome.status), headers: fields,
                body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"outcome\":\"\(outcome.rawValue)\"}")))
        }
    }
}
