#if Redis
import Foundation
import AttachRedis
import AttachSupport

/// The redis-server scripts/test starts on loopback, named by SLUICE_TEST_REDIS_URL (`redis://127.0.0.1:PORT`).
/// Each test takes a database of its own, emptied first, so tests never see each other's streams.
enum RedisTestServer {
    static let url: String? = ProcessInfo.processInfo.environment["SLUICE_TEST_REDIS_URL"]
    static let missing = "SLUICE_TEST_REDIS_URL is not set: scripts/test starts a redis-server and sets it "
        + "(or start one with scripts/redis-test-server PORT and export SLUICE_TEST_REDIS_URL=redis://127.0.0.1:PORT)"

    /// The URL of database `number`, after emptying it.
    static func database(_ number: Int) throws -> (url: String, client: RedisTestClient) {
        guard let url else { throw AttachError(missing) }
        let databaseURL = "\(url)/\(number)"
        let client = try RedisTestClient(url: databaseURL)
        _ = try client.run("FLUSHDB")
        return (databaseURL, client)
    }
}

/// The tests' own view of the server: raw commands, and XINFO/XPENDING read by field name, independently
/// of the backend's mapping.
final class RedisTestClient {
    let connection: RedisConnection

    init(url: String) throws {
        connection = try RedisConnection(address: RedisAddress(url: url), password: nil, timeoutMillis: 2000)
    }

    @discardableResult
    func run(_ arguments: String...) throws -> RedisReply { try runArray(arguments) }

    func runArray(_ arguments: [String]) throws -> RedisReply {
        let reply = try connection.command(arguments)
        if case .error(let message) = reply { throw AttachError("\(arguments.joined(separator: " ")): \(message)") }
        return reply
    }

    /// Adds `count` entries `n=1..count` and returns their ids.
    func addEntries(_ stream: String, count: Int, from first: Int = 1) throws -> [String] {
        try (first..<first + count).map { try run("XADD", stream, "*", "n", "\($0)").text ?? "" }
    }

    /// The ids a consumer is handed by `XREADGROUP ... COUNT n STREAMS stream >`.
    func read(_ stream: String, group: String, consumer: String, count: Int) throws -> [String] {
        let reply = try run("XREADGROUP", "GROUP", group, consumer, "COUNT", "\(count)", "STREAMS", stream, ">")
        guard let streams = reply.elements, let entries = streams.first?.elements?.last?.elements else { return [] }
        return entries.compactMap { $0.elements?.first?.text }
    }

    /// The named fields of an XINFO answer.
    func info(_ arguments: String...) throws -> [String: RedisReply] {
        try runArray(arguments).fields?.values ?? [:]
    }

    /// Each element of an XINFO GROUPS or CONSUMERS answer, by name.
    func infoList(_ arguments: String...) throws -> [String: [String: RedisReply]] {
        var result: [String: [String: RedisReply]] = [:]
        for element in try runArray(arguments).elements ?? [] {
            let fields = element.fields?.values ?? [:]
            if let name = fields["name"]?.text { result[name] = fields }
        }
        return result
    }

    /// `XPENDING stream group - + 1000`: id → (consumer, idle ms, deliveries).
    func pending(_ stream: String, group: String) throws -> [(id: String, consumer: String, idle: Int64, deliveries: Int64)] {
        try run("XPENDING", stream, group, "-", "+", "1000").elements?.compactMap { entry in
            guard let parts = entry.elements, parts.count == 4, let id = parts[0].text, let consumer = parts[1].text,
                  let idle = parts[2].integer, let deliveries = parts[3].integer else { return nil }
            return (id, consumer, idle, deliveries)
        } ?? []
    }
}

/// Checks `condition` until it holds or `attempts` run out, pausing between checks: the server keeps
/// real time (idle times), so this is polling, not a fixed sleep.
func eventually(attempts: Int = 200, pauseMillis: UInt32 = 25, _ condition: () throws -> Bool) rethrows -> Bool {
    for _ in 0..<attempts {
        if try condition() { return true }
        usleep(pauseMillis * 1000)
    }
    return false
}
#endif

#if Redis
import Testing

/// In CI the server is always started, so a missing URL is a broken script, not a reason to skip.
@Suite struct RedisTestServerIsSetInCI {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] != nil && RedisTestServer.url == nil))
    func ciStartsARedisServer() {
        Issue.record(Comment(rawValue: "CI is set but " + RedisTestServer.missing))
    }
}
#endif
