#if Redis
import CHiredis
#if canImport(Glibc)
import Glibc
public import AttachSupport
#endif

/// One synchronous hiredis connection: every call is bounded by the options' timeout (connect and each
/// command), and a connection that failed is dropped and made anew by the next `command`.
public final class RedisConnection {
    public let address: RedisAddress
    private let password: String?
    private let timeoutMillis: Int
    private var context: UnsafeMutablePointer<redisContext>?

    /// Connects, authenticates and selects the database; throws when any of it fails.
    public init(address: RedisAddress, password: String?, timeoutMillis: Int) throws(AttachError) {
        self.address = address; self.password = password; self.timeoutMillis = min(2000, max(1, timeoutMillis))
        try connect()
    }

    deinit { if let context { redisFree(context) } }

    public var isConnected: Bool { context != nil }

    /// Sends one command (binary-safe arguments) and returns the reply; a server error is a reply, not a throw.
    /// Throws when the connection cannot be made or breaks (and then drops it).
    public func command(_ arguments: [String]) throws(AttachError) -> RedisReply {
        try command(bytes: arguments.map { Array($0.utf8) })
    }

    public func command(bytes arguments: [[UInt8]]) throws(AttachError) -> RedisReply {
        if context == nil { try connect() }
        guard let context else { throw AttachError("not connected to \(address.display)") }
        let raw = Self.send(context, arguments)
        guard let raw else {
            let problem = Self.problem(context)
            drop()
            throw AttachError("\(address.display) did not answer \(arguments.first.map { String(decoding: $0, as: UTF8.self) } ?? ""): \(problem)")
        }
        defer { freeReplyObject(raw) }
        return Self.copy(raw.assumingMemoryBound(to: redisReply.self).pointee)
    }

    /// Sends a command and throws a server error as a problem in words.
    public func expect(_ arguments: [String]) throws(AttachError) -> RedisReply {
        let reply = try command(arguments)
        if case .error(let message) = reply {
            throw AttachError("\(arguments.prefix(2).joined(separator: " ")) failed: \(message)")
        }
        return reply
    }

    private func connect() throws(AttachError) {
        let timeout = timeval(tv_sec: timeoutMillis / 1000, tv_usec: (timeoutMillis % 1000) * 1000)
        guard let made = redisConnectWithTimeout(address.host, Int32(address.port), timeout) else {
            throw AttachError("could not allocate a connection to \(address.display)")
        }
        if made.pointee.err != 0 {
            let problem = Self.problem(made)
            redisFree(made)
            throw AttachError("cannot connect to \(address.display): \(problem)")
        }
        guard redisSetTimeout(made, timeout) == REDIS_OK else {
            redisFree(made)
            throw AttachError("cannot set a timeout on the connection to \(address.display)")
        }
        context = made
        do throws(AttachError) {
            if let password {
                let arguments = address.user.map { ["AUTH", $0, password] } ?? ["AUTH", password]
                if case .error(let message) = try command(arguments) {
                    throw AttachError("\(address.display) refused the password: \(message)")
                }
            } else if let user = address.user {
                // A user without a password: ACL users marked nopass take any.
                if case .error(let message) = try command(["AUTH", user, ""]) {
                    throw AttachError("\(address.display) refused user \(user) without a password "
                                           + "(give one with --password-env): \(message)")
                }
            }
            if address.database != 0, case .error(let message) = try command(["SELECT", "\(address.database)"]) {
                throw AttachError("\(address.display): cannot select database \(address.database): \(message)")
            }
        } catch {
            drop()
            throw error
        }
    }

    private func drop() {
        if let context { redisFree(context) }
        context = nil
    }

    private static func send(_ context: UnsafeMutablePointer<redisContext>, _ arguments: [[UInt8]]) -> UnsafeMutableRawPointer? {
        let lengths = arguments.map(\.count)
        let buffers = arguments.map { bytes -> UnsafeMutablePointer<CChar> in
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(1, bytes.count))
            bytes.withUnsafeBufferPointer { source in
                source.withMemoryRebound(to: CChar.self) { chars in
                    if let base = chars.baseAddress { buffer.initialize(from: base, count: bytes.count) }
                }
            }
            return buffer
        }
        defer { buffers.forEach { $0.deallocate() } }
        var pointers: [UnsafePointer<CChar>?] = buffers.map { UnsafePointer($0) }
        return pointers.withUnsafeMutableBufferPointer { argv in
            lengths.withUnsafeBufferPointer { argvLengths in
                redisCommandArgv(context, Int32(arguments.count), argv.baseAddress, argvLengths.baseAddress)
            }
        }
    }

    private static func copy(_ reply: redisReply) -> RedisReply {
        switch reply.type {
        case REDIS_REPLY_STRING:
            return .string(reply.str.map { Array(UnsafeRawBufferPointer(start: $0, count: reply.len)) } ?? [])
        case REDIS_REPLY_STATUS: return .status(text(reply))
        case REDIS_REPLY_ERROR: return .error(text(reply))
        case REDIS_REPLY_INTEGER: return .integer(reply.integer)
        case REDIS_REPLY_ARRAY:
            guard let elements = reply.element else { return .array([]) }
            return .array((0..<reply.elements).map { index in elements[index].map { copy($0.pointee) } ?? .null })
        default: return .null
        }
    }

    private static func text(_ reply: redisReply) -> String {
        guard let str = reply.str else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: str, count: reply.len), as: UTF8.self)
    }

    private static func problem(_ context: UnsafeMutablePointer<redisContext>) -> String {
        let text = withUnsafeBytes(of: context.pointee.errstr) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        if context.pointee.err == REDIS_ERR_IO, text.contains("temporarily unavailable") {
            return "timed out"
        }
        return text.isEmpty ? "connection error \(context.pointee.err)" : text
    }
}
#endif
