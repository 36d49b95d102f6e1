#if RabbitMQ
import Foundation
import Testing
@testable import AttachRabbitMQ
import SluiceModel

/// RabbitMQ counts unacknowledged deliveries per channel, never per consumer: a consumer alone on its channel gets
/// the channel's exact figure, and consumers sharing one are marked shared by how many. Real pika consumers
/// (scripts/lib/rabbitmq-shared-channel.py) hold the deliveries; the figures are compared with /api/channels.
@Suite(.serialized, .enabled(if: RabbitMQTestServer.available, Comment(rawValue: RabbitMQTestServer.missing)))
struct RabbitMQConsumerInFlightTests {
    @Test func aLoneConsumerOnItsChannelIsExactAndConsumersSharingOneSaySo() throws {
        let client = try RabbitMQTestClient()
        let port = String(try #require(RabbitMQTestServer.url?.split(separator: ":").last))
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/lib/rabbitmq-shared-channel.py").path
        let consumers = Process()
        consumers.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // A queue of this run's own: figures the API still holds for an earlier run's queue cannot pass for these.
        let name = "inflight-\(ProcessInfo.processInfo.processIdentifier)"
        consumers.arguments = ["python3", script, port, name]
        consumers.standardOutput = FileHandle.nullDevice
        try consumers.run()
        // SIGKILL: pika's loop outlived Foundation's SIGTERM here, and waitUntilExit then waited for ever.
        defer {
            kill(consumers.processIdentifier, SIGKILL)
            consumers.waitUntilExit()
            try? client.delete("/api/queues/%2F/" + name)
        }

        // The prefetch the consumers asked for, held: 2 on the lone consumer's channel, 3 + 3 on the shared one.
        try client.await(name, "8 unacknowledged across 3 consumers") {
            $0["messages_unacknowledged"].int == 8 && $0["consumers"].int == 3
        }
        // A consumer is listed before its channel's statistics are out; until then its channel_details are empty.
        let apiConsumers = try client.awaitJSON("/api/consumers/%2F", "the three consumers listed with their channels") { answer in
            answer.array.count { $0["queue"]["name"].string == name && !($0["channel_details"]["name"].string ?? "").isEmpty } == 3
        }.array.filter { $0["queue"]["name"].string == name }
        let channelOf = Dictionary(uniqueKeysWithValues: apiConsumers.map {
            ($0["consumer_tag"].string ?? "", $0["channel_details"]["name"].string ?? "")
        })
        let channels = try client.awaitJSON("/api/channels", "the two consumer channels to hold 2 and 6") { answer in
            let held = answer.array.filter { Set(channelOf.values).contains($0["name"].string ?? "") }
            return held.compactMap { $0["messages_unacknowledged"].int }.sorted() == [2, 6]
        }
        func apiUnacknowledged(_ tag: String) -> Int? {
            channels.array.first { $0["name"].string == channelOf[tag] }?["messages_unacknowledged"].int
        }

        let backend = try RabbitMQBackend(options: try RabbitMQTestServer.options())
        let queue = try #require(backend.snapshot().queues.first { $0.name == name })
        let byTag = Dictionary(uniqueKeysWithValues: queue.consumers.map { ($0.id, $0) })
        let alone = try #require(byTag["\(name).alone"])
        #expect(alone.inFlight == apiUnacknowledged("\(name).alone"))
        #expect(alone.inFlight == 2 && alone.maxInFlight == 2 && alone.inFlightSharedBy == nil, "\(alone)")
        for tag in ["\(name).pair-1", "\(name).pair-2"] {
            let shared = try #require(byTag[tag])
            #expect(shared.inFlight == apiUnacknowledged(tag))
            #expect(shared.inFlight == 6 && shared.maxInFlight == 3 && shared.inFlightSharedBy == 2, "\(shared)")
            #expect(shared.sharedInFlightWords == "shared by 2 consumers on one channel")
            #expect(queue.details.contains(Detail("consumer \(tag)", "prefetch 3, in flight 6 shared by 2 consumers on one channel")))
        }
        #expect(alone.inFlight + byTag["\(name).pair-1"]!.inFlight == queue.inFlight, "the channels add up to the queue's unacknowledged")
        #expect(queue.details.contains(Detail("consumer \(name).alone", "prefetch 2, in flight 2")))
    }
}
#endif
