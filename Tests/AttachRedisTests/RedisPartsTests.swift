import Testing
import AttachRedis
import AttachSupport
import SluiceModel

/// URLs, replies, ids, dead-letter names and publish fields: the parts that need no server.
struct RedisPartsTests {
    @Test func urlsParseIntoAddresses() throws {
        #expect(try RedisAddress(url: "redis://127.0.0.1") == RedisAddress(host: "127.0.0.1", port: 6379, database: 0))
        #expect(try RedisAddress(url: "redis://ops@cache.local:6380/3")
                == RedisAddress(host: "cache.local", port: 6380, database: 3, user: "ops"))
        #expect(try RedisAddress(url: "redis://[::1]:7000") == RedisAddress(host: "::1", port: 7000, database: 0))
        #expect(try RedisAddress(url: "redis://ops@cache.local:6380/3").display == "redis://ops@cache.local:6380/3")
    }

    @Test func badURLsSayWhatIsWrong() {
        let cases: [(String, String)] = [
            ("nats://h:4222", "is not a Redis URL"),
            ("redis://:6379", "names no host"),
            ("redis://h:0", "port must be a number from 1 to 65535"),
            ("redis://h:x", "got 'x'"),
            ("redis://h/-1", "database after / must be a number"),
            ("redis://u:secret@h", "carries a password"),
            ("rediss://h:6379", "TLS (rediss://) needs hiredis 1.0"),
        ]
        for (url, expected) in cases {
            #expect(throws: AttachError.self) { try RedisAddress(url: url) }
            do { _ = try RedisAddress(url: url) } catch {
                #expect(error.message.contains(expected), "\(url): \(error.message)")
                #expect(!error.message.contains("secret"))
            }
        }
    }

    /// Redis's conventions follow the patterns given.
    @Test func givenDeadLetterPatternsComeBeforeRedisConventions() throws {
        let options = RedisConnectionOptions(url: "redis://h", deadLetterPatterns: [try DeadLetterPattern(parsing: "dlq:*")])
        #expect(options.deadLetterPatterns.map(\.description) == ["dlq:*", "*:dlq", "*.dlq"])
    }

    @Test func entryIDsParseAndOrder() throws {
        let id = try #require(RedisEntryID("1700000000123-7"))
        #expect(id == RedisEntryID(milliseconds: 1_700_000_000_123, sequence: 7))
        #expect(id.epochNanos == 1_700_000_000_123_000_000)
        #expect(RedisEntryID("1700000000123") == RedisEntryID(milliseconds: 1_700_000_000_123))
        #expect(RedisEntryID("12-x") == nil && RedisEntryID("") == nil && RedisEntryID("-1") == nil)
        #expect(RedisEntryID(milliseconds: 5, sequence: 9) < RedisEntryID(milliseconds: 6))
    }

    @Test func deadLetterStreamsPairWithTheirSources() throws {
        let pairing = DeadLetterPairing(streams: ["orders", "orders:dlq", "jobs.dlq", "jobs", "lonely:dlq", "dlq:pay", "pay"],
                                        patterns: try ["*:dlq", "*.dlq", "dlq:*"].map { try DeadLetterPattern(parsing: $0) })
        #expect(pairing.sourceOf == ["orders:dlq": "orders", "jobs.dlq": "jobs", "dlq:pay": "pay"])
        #expect(pairing.deadLetterStream(of: "orders") == "orders:dlq")
        #expect(pairing.deadLetterStream(of: "lonely") == nil)
    }

    @Test func publishFieldsComeFromTheForm() {
        func text(_ fields: [[UInt8]]) -> [String] { fields.map { String(decoding: $0, as: UTF8.self) } }
        #expect(text(RedisPublishFields.make(key: nil, value: Array("order=7 amount=12".utf8), headers: []))
                == ["order", "7", "amount", "12"])
        #expect(text(RedisPublishFields.make(key: "k1", value: Array(#"{"a": 1}"#.utf8), headers: [Header("trace", Array("t".utf8))]))
                == ["trace", "t", "key", "k1", "value", #"{"a": 1}"#])
        #expect(text(RedisPublishFields.make(key: nil, value: [], headers: [])) == ["value", ""])
    }

    @Test func xinfoRepliesReadIntoFacts() throws {
        func bulk(_ text: String) -> RedisReply { .string(Array(text.utf8)) }
        let stream = RedisReply.array([
            bulk("length"), .integer(3), bulk("radix-tree-keys"), .integer(1), bulk("groups"), .integer(1),
            bulk("last-generated-id"), bulk("10-4"), bulk("max-deleted-entry-id"), bulk("10-1"),
            bulk("entries-added"), .integer(5), bulk("recorded-first-entry-id"), bulk("10-2"),
            bulk("first-entry"), .array([bulk("10-2"), .array([bulk("n"), bulk("1")])]),
            bulk("last-entry"), .array([bulk("10-4"), .array([bulk("n"), bulk("3")])]),
        ])
        let facts = try #require(RedisStreamFacts(name: "s", reply: stream))
        #expect(facts.length == 3 && facts.entriesAdded == 5 && facts.logStartOffset == 2)
        #expect(facts.firstEntryID == RedisEntryID("10-2") && facts.lastEntryID == RedisEntryID("10-4"))
        #expect(facts.maxDeletedEntryID == RedisEntryID("10-1"))

        let group = try #require(RedisGroupFacts(stream: "s", reply: .array([
            bulk("name"), bulk("g"), bulk("consumers"), .integer(2), bulk("pending"), .integer(1),
            bulk("last-delivered-id"), bulk("10-3"), bulk("entries-read"), .null, bulk("lag"), .null,
        ])))
        #expect(group.entriesRead == nil && group.lag == nil && group.lastDeliveredID == RedisEntryID("10-3"))
        let pending = RedisPendingEntry(reply: .array([bulk("10-3"), bulk("c1"), .integer(1500), .integer(4)]))
        #expect(pending == RedisPendingEntry(id: RedisEntryID(milliseconds: 10, sequence: 3), consumer: "c1",
                                             idleMillis: 1500, deliveries: 4))
        #expect(RedisStreamFacts(name: "s", reply: .error("ERR no such key")) == nil)
    }
}
