#if Redis
import AttachSupport
import SluiceModel

/// Asks the server for streams, groups, consumers and pending lists: one poll's worth of facts.
///
/// Streams come from `--stream` names or from `SCAN ... TYPE stream`, one bounded step a poll, so
/// a large keyspace costs each poll the same; a stream found stays until a full sweep misses it.
struct RedisReader {
    /// Entries Sluice reads to count what Redis cannot (a lag it does not know, a stuck entry's offset).
    static let countLimit = 1000
    /// Streams one poll describes at most.
    static let streamLimit = 200

    let named: [String]
    let deadLetterPatterns: [DeadLetterPattern]
    let scanCount: Int
    let pendingSample: Int
    private var cursor = "0"
    private var found: Set<String> = []
    private var sweep: Set<String> = []
    /// Offsets of stuck entries, worked out once: an entry's offset does not change.
    private var offsets: [String: [RedisEntryID: Int64]] = [:]

    init(options: RedisConnectionOptions) {
        named = options.streams; deadLetterPatterns = options.deadLetterPatterns
        scanCount = max(1, options.scanCount); pendingSample = max(1, options.pendingSample)
    }

    mutating func poll(_ connection: RedisConnection, at now: Nanos) throws(AttachError) -> RedisPoll {
        var streams: [RedisStreamFacts] = []
        for name in try streamNames(connection).prefix(Self.streamLimit) {
            guard let facts = try describe(connection, stream: name) else { found.remove(name); continue }
            streams.append(facts)
        }
        var groups: [RedisGroupFacts] = []
        for stream in streams where stream.groupCount > 0 {
            groups += try self.groups(connection, stream: stream)
        }
        offsets = offsets.filter { name, _ in streams.contains { $0.name == name } }
        return RedisPoll(at: now, streams: streams, groups: groups)
    }

    /// The named streams and their dead-letter streams, or what SCAN has found so far, sorted.
    private mutating func streamNames(_ connection: RedisConnection) throws(AttachError) -> [String] {
        if !named.isEmpty {
            let letters = named.flatMap { stream in
                deadLetterPatterns.map { $0.name(forSource: stream) }
            }
            return Array(Set(named + letters)).sorted()
        }
        let reply = try connection.expect(["SCAN", cursor, "COUNT", "\(scanCount)", "TYPE", "stream"])
        guard let parts = reply.elements, parts.count == 2, let next = parts[0].text, let keys = parts[1].elements else {
            throw AttachError("SCAN answered something that is not a cursor and keys")
        }
        let keyNames = keys.compactMap(\.text)
        sweep.formUnion(keyNames)
        found.formUnion(keyNames)
        cursor = next
        if next == "0" {
            // A full sweep is done: what it did not meet is gone.
            found = sweep
            sweep = []
        }
        return found.sorted()
    }

    /// `XINFO STREAM`; nil when the key is gone or is no longer a stream.
    private func describe(_ connection: RedisConnection, stream: String) throws(AttachError) -> RedisStreamFacts? {
        let reply = try connection.command(["XINFO", "STREAM", stream])
        if case .error = reply { return nil }
        return RedisStreamFacts(name: stream, reply: reply)
    }

    private mutating func groups(_ connection: RedisConnection, stream: RedisStreamFacts) throws(AttachError) -> [RedisGroupFacts] {
        let reply = try connection.command(["XINFO", "GROUPS", stream.name])
        guard let elements = reply.elements else { return [] }
        var groups: [RedisGroupFacts] = []
        for element in elements {
            guard var group = RedisGroupFacts(stream: stream.name, reply: element) else { continue }
            group.consumers = (try connection.command(["XINFO", "CONSUMERS", stream.name, group.name]).elements ?? [])
                .compactMap(RedisConsumerFacts.init(reply:))
            group.pendingEntries = try pending(connection, stream: stream, group: group.name)
            if group.lag == nil { group.countedLag = try countAfter(connection, stream: stream.name, id: group.lastDeliveredID) }
            groups.append(group)
        }
        return groups
    }

    /// The oldest pending entries, with the offsets of those delivered more than once.
    private mutating func pending(_ connection: RedisConnection, stream: RedisStreamFacts,
                                  group: String) throws(AttachError) -> [RedisPendingEntry] {
        let reply = try connection.command(["XPENDING", stream.name, group, "-", "+", "\(pendingSample)"])
        var entries = (reply.elements ?? []).compactMap(RedisPendingEntry.init(reply:))
        for index in entries.indices where entries[index].deliveries > 1 {
            entries[index].offset = try offset(connection, stream: stream, id: entries[index].id)
        }
        return entries
    }

    /// Entries added before `id`: the log end less the entries from `id` on; nil when more than the count limit follow.
    private mutating func offset(_ connection: RedisConnection, stream: RedisStreamFacts,
                                 id: RedisEntryID) throws(AttachError) -> Int64? {
        if let known = offsets[stream.name]?[id] { return known }
        let reply = try connection.command(["XRANGE", stream.name, id.description, "+", "COUNT", "\(Self.countLimit + 1)"])
        guard let count = reply.elements?.count, count <= Self.countLimit else { return nil }
        let offset = stream.entriesAdded - Int64(count)
        offsets[stream.name, default: [:]][id] = offset
        return offset
    }

    /// Entries after `id`, counted up to the limit.
    private func countAfter(_ connection: RedisConnection, stream: String,
                            id: RedisEntryID) throws(AttachError) -> RedisGroupFacts.CountedLag {
        let reply = try connection.command(["XRANGE", stream, "(" + id.description, "+", "COUNT", "\(Self.countLimit + 1)"])
        let count = reply.elements?.count ?? 0
        return RedisGroupFacts.CountedLag(count: Int64(min(count, Self.countLimit)), atLeast: count > Self.countLimit)
    }
}
#endif
