import Hummingbird
import NIOCore

/// Request context that keeps the channel, so a fault can close the connection without an answer.
struct SimRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
