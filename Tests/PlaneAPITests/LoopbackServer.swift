import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A throw-away HTTP/1.1 server on 127.0.0.1 for testing ``URLSessionTransport`` against real
/// sockets: each connection reads one request and then behaves as told.
final class LoopbackServer: Sendable {
    enum Behaviour: Sendable {
        /// Writes these bytes, then closes.
        case reply(String)
        /// Closes without a byte of answer.
        case drop
        /// Never answers (until the server stops).
        case hang
        /// Sends the status line, headers and part of the body, then closes: an answer cut short.
        case cutShort
        /// Answers the server's first request with a keep-alive 200, then closes every connection
        /// on its next request without a byte of answer.
        case answerFirstThenDrop
    }

    let port: Int
    private let listener: Int32
    private let requests = Mutex<[String]>([])
    private let stopped = Mutex(false)

    /// Raw text of every request head received.
    var received: [String] { requests.withLock { $0 } }

    init(_ behaviour: Behaviour) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop(behaviour) }
        thread.start()
    }

    func stop() {
        stopped.withLock { $0 = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop(_ behaviour: Behaviour) {
        while !stopped.withLock({ $0 }) {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            let thread = Thread { [self] in serve(connection, behaviour) }
            thread.start()
        }
    }

    private func serve(_ connection: Int32, _ behaviour: Behaviour) {
        defer { close(connection) }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { return }
            let index = requests.withLock { requests in
                requests.append(String(decoding: buffer[0..<count], as: UTF8.self))
                return requests.count
            }
            switch behaviour {
            case .reply(let text):
                send(text, on: connection)
                return
            case .drop:
                return
            case .answerFirstThenDrop:
                guard index == 1 else { return }
                send("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}", on: connection)
            case .cutShort:
                send(
                    "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n{\"id\":",
                    on: connection)
                usleep(50_000)
                shutdown(connection, Int32(SHUT_WR))
                return
            case .hang:
                while !stopped.withLock({ $0 }) { usleep(20_000) }
                return
            }
        }
    }

    private func send(_ text: String, on connection: Int32) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(connection, $0.baseAddress, bytes.count) }
    }
}
