import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A TCP port on 127.0.0.1 that nothing listens on, asked of the kernel (bind to port 0, read it back, close).
/// A port picked at random in the ephemeral range may be one end of some other process's connection (the test
/// server alone holds hundreds), and a daemon that cannot bind its metrics port stops.
public enum FreePort {
    public static func next() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw FreePortError(call: "socket", code: errno) }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                guard bind(socket, pointer, length) == 0 else { return false }
                return getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw FreePortError(call: "bind", code: errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

public struct FreePortError: Error, CustomStringConvertible {
    public let call: String
    public let code: Int32
    public var description: String { "could not get a free TCP port from the kernel: \(call) failed (errno \(code))" }
}
