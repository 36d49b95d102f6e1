import Testing
@testable import AttachNATS
import SluiceModel
import AttachSupport

/// Advisories, versions, capabilities and connection options: the parts that need no server.
struct AttachPartsTests {
    @Test func maxDeliveriesAdvisoryParses() throws {
        let json = #"{"type":"io.nats.jetstream.advisory.v1.max_deliver","id":"x","timestamp":"2024-01-01T00:00:00Z","stream":"JOBS","consumer":"fragile","stream_seq":17,"deliveries":3}"#
        let advisory = try #require(JetStreamAdvisory.parse(subject: "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.JOBS.fragile",
                                                            payload: Array(json.utf8)))
        #expect(advisory == JetStreamAdvisory(kind: .maxDeliveries, stream: "JOBS", consumer: "fragile",
                                              streamSequence: 17, deliveries: 3))
        #expect(advisory.explanation == "max deliveries reached (3)")
    }

    @Test func foreignOrBrokenAdvisoriesAreIgnored() {
        let json = Array(#"{"stream":"JOBS","consumer":"c","stream_seq":1}"#.utf8)
        #expect(JetStreamAdvisory.parse(subject: "$JS.EVENT.ADVISORY.STREAM.CREATED.JOBS", payload: json) == nil)
        #expect(JetStreamAdvisory.parse(subject: "$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.JOBS.c",
                                        payload: Array("not json".utf8)) == nil)
    }

    @Test func ledgerGroupsDeadLettersByConsumer() {
        var ledger = DeadLetterLedger()
        let advisory = JetStreamAdvisory(kind: .terminated, stream: "JOBS", consumer: "c", streamSequence: 9,
                                         deliveries: 1, reason: "bad payload")
        let event = ledger.record(advisory, at: 42)
        #expect(event.kind == .deadLetter)
        let queues = ledger.queues(consumers: [ConsumerFacts(stream: "JOBS", name: "c", maxDeliver: 3)])
        #expect(queues.map(\.name) == ["JOBS/c dead letters"])
        #expect(queues[0].deadLetterOf == ["JOBS/c"])
        #expect(queues[0].maxDeliveries == 3)
        #expect(queues[0].recentDeadLetters == [DeadLetterInfo(messageId: "9", reason: "terminated by the consumer: bad payload",
                                                              deliveryCount: 1, source: "JOBS", at: 42)])
    }

    @Test func serverVersionsCompareAndGatePause() throws {
        let info = #"INFO {"server_id":"N1","version":"2.9.10","proto":1,"jetstream":true}"#
        let old = try #require(ServerVersion(infoLine: info))
        #expect(old == ServerVersion(major: 2, minor: 9, patch: 10))
        #expect(ServerVersion("v2.11.0-RC.2").map { $0 >= ServerVersion.consumerPause } == true)
        #expect(ServerVersion("2.10") == nil)
        let capabilities = JetStreamCapabilities.make(serverVersion: old, readOnly: false)
        #expect(capabilities.reasonUnavailable(.pauseResume) == "nats-server 2.9.10 has no consumer pause; needs 2.11+")
        #expect(capabilities.allows(.publish) && capabilities.allows(.copyToDeadLetter) && capabilities.allows(.inspect))
        let newer = JetStreamCapabilities.make(serverVersion: ServerVersion("2.11.1"), readOnly: true)
        #expect(newer.reasonUnavailable(.pauseResume) == "attached with --read-only")
        // A replay is sent, and does part of what it promises: it browses, the consumer stays where it is.
        #expect(newer.allows(.seek))
        #expect(newer.availability(.seek) == .partial(JetStreamCapabilities.seekBrowsesOnly))
        #expect(newer.partialReason(.seek)?.hasPrefix("browse only: JetStream cannot move a durable consumer") == true)
        #expect(capabilities.partialReason(.publish) == nil && capabilities.availability(.publish) == .available)
    }

    @Test func urlsWithSecretsAreRefused() {
        #expect(throws: AttachError.self) { try NATSConnectionOptions(url: "nats://bob:hunter2@host:4222").validate() }
        #expect(throws: AttachError.self) { try NATSConnectionOptions(url: "http://host:4222").validate() }
        #expect(throws: AttachError.self) { try NATSConnectionOptions(url: "nats://host", password: "x").validate() }
        #expect(throws: Never.self) { try NATSConnectionOptions(url: "nats://a:4222, tls://b:4222").validate() }
        #expect(NATSConnectionOptions(url: "nats://tok@host:4222").displayURL == "nats://***@host:4222")
    }

    @Test func greetingAddressesAreParsed() {
        #expect(ServerGreeting.hostAndPort(of: "nats://127.0.0.1:4333")! == ("127.0.0.1", 4333))
        #expect(ServerGreeting.hostAndPort(of: "tls://[::1]:4222")! == ("::1", 4222))
        #expect(ServerGreeting.hostAndPort(of: "nats://example")! == ("example", 4222))
        #expect(ServerGreeting.hostAndPort(of: "nats://host:port") == nil)
    }

    #if NATS
    /// nats.c writes a start time's fraction without leading zeros, so only some times reach the
    /// server as they are; the browser starts no later than asked and drops what came before.
    /// (The browser is built only with the trait: it calls nats.c.)
    @Test func browseStartTimesAreOnesNatsCSendsFaithfully() {
        let second: Int64 = 1_000_000_000
        let base = 1_700_000_012 * second
        #expect(StreamBrowser.encodableStartTime(atOrBefore: base + 123_456_789) == base + 123_456_789)
        #expect(StreamBrowser.encodableStartTime(atOrBefore: base + 100_000_000) == base + 100_000_000)
        #expect(StreamBrowser.encodableStartTime(atOrBefore: base + 50_000_000) == base)
        #expect(StreamBrowser.encodableStartTime(atOrBefore: base + 1) == base)
        #expect(StreamBrowser.encodableStartTime(atOrBefore: base) == base)
    }
    #endif
}
