import AbriTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client over a socket of 127.0.0.1: one request per connection (`Connection: close`), the
/// answer read to the end. Enough for the hub's four requests, and no dependency on FoundationNetworking.
struct HTTPAnswer {
    let status: Int
    let body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }
}

enum HTTPClient {
    static func send(port: Int, method: String, target: String, headers: [(String, String)], body: [UInt8]) throws -> HTTPAnswer {
        let descriptor = try connect(port: port)
        defer { close(descriptor) }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        try write(descriptor, Array(head.utf8) + body)
        return try parse(readAll(descriptor))
    }

    /// Sends the head and body of a request and returns without waiting for the answer: the connection stays open
    /// until the caller closes the descriptor.
    static func sendWithoutWaiting(port: Int, method: String, target: String, headers: [(String, String)], body: [UInt8]) throws -> Int32 {
        let descriptor = try connect(port: port)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        try write(descriptor, Array(head.utf8) + body)
        return descriptor
    }

    private static func connect(port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw HarnessError("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            close(descriptor)
            throw HarnessError("cannot connect to 127.0.0.1:\(port)")
        }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }

    private static func write(_ descriptor: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw HarnessError("the connection closed while sending") }
            offset += written
        }
    }

    private static func readAll(_ descriptor: Int32) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { return bytes }
            guard count > 0 else { throw HarnessError("reading the answer failed (errno \(errno))") }
            bytes += buffer[0 ..< count]
        }
    }

    private static func parse(_ bytes: [UInt8]) throws -> HTTPAnswer {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0 ..< max(0, bytes.count - 3)).first(where: { Array(bytes[$0 ..< $0 + 4]) == separator }) else {
            throw HarnessError("no HTTP head in the answer")
        }
        let lines = String(decoding: bytes[0 ..< end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw HarnessError("bad status line \(lines[0])") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(bytes[(end + 4)...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = try unchunk(body) }
        return HTTPAnswer(status: status, body: body)
    }

    private static func unchunk(_ bytes: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while true {
            guard let lineEnd = (index ..< max(index, bytes.count - 1)).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }),
                  let size = Int(String(decoding: bytes[index ..< lineEnd], as: UTF8.self), radix: 16) else {
                throw HarnessError("bad chunk")
            }
            if size == 0 { return out }
            out += bytes[(lineEnd + 2) ..< (lineEnd + 2 + size)]
            index = lineEnd + 2 + size + 2
        }
    }
}
