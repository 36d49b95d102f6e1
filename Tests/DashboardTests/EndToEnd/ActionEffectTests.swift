import Dashboard
import Simulation
import SluiceModel
import Testing

/// Every action the key map promises, pressed on the real demo: the effect must show in the
/// system's own numbers, not only in the command the key emits.
@Suite struct ActionEffectTests {
    @Test(arguments: [
        (PanelItem.partition(topic: "orders", index: 0), PanelID.partitions, "checkout", "orders"),
        (PanelItem.group(.group(GroupID("inventory", stream: "orders"))), PanelID.groups, "checkout", "orders"),
        (PanelItem.queue("emails"), PanelID.queues, "notifier", "emails"),
    ])
    func spikeMultipliesTheProducersRateTenfoldAndAgainRestoresIt(_ item: PanelItem, _ panel: PanelID,
                                                                   _ producer: String, _ target: String) throws {
        var driver = try Driver("demo")
        driver.wait(seconds: 20)
        driver.select(item, in: panel)
        let base = try driver.producer(producer).ratePerSecond
        driver.type("s")
        #expect(driver.status.contains("\(producer) rate x10"), "status: \(driver.status)")
        #expect(try driver.producer(producer).ratePerSecond == base * 10)
        driver.type("s")
        #expect(try driver.producer(producer).ratePerSecond == base)
        #expect(try driver.producer(producer).rateMultiplier == 1)
    }

    @Test func aSpikeShowsInWhatTheStreamReceives() throws {
        var driver = try Driver("demo")
        driver.wait(seconds: 20)
        let normal = try driver.produced("orders", over: 30)
        driver.select(.topic("orders"), in: .partitions)
        driver.type("s")
        let spiked = try driver.produced("orders", over: 30)
        // 40/s against 400/s over 30 s: Poisson noise is a few percent, so 6x is far from both.
        #expect(spiked > normal * 6, "normal \(normal), spiked \(spiked)")
    }

    @Test func theLoadKneeLessonsSpikeWorksFromTheQueuesPanel() throws {
        var driver = try Driver("load-knee", seed: nil)
        driver.wait(seconds: 5)
        driver.select(.queue("load90"), in: .queues)
        driver.type("s")
        #expect(!driver.status.contains("no producer"), "status: \(driver.status)")
        let spiked = try #require(driver.snapshot.producers.first { $0.target == "load90" })
        #expect(spiked.rateMultiplier == 10)
    }

    @Test func aPausedGroupResumesAndFlowsAgain() throws {
        var driver = try Driver("demo")
        driver.wait(seconds: 20)
        driver.select(.group(.group(GroupID("inventory", stream: "orders"))), in: .groups)
        driver.type("p")
        #expect(try driver.group(GroupID("inventory", stream: "orders")).paused)
        #expect(try driver.committed(GroupID("inventory", stream: "orders"), over: 10) == 0)
        #expect(try driver.group(GroupID("inventory", stream: "orders")).consumedPerSecond == 0)
        #expect(driver.screen().contains("PAUSED"))
        driver.type("p")
        #expect(try !driver.group(GroupID("inventory", stream: "orders")).paused)
        #expect(try driver.committed(GroupID("inventory", stream: "orders"), over: 10) > 100)
        let logged = driver.snapshot.events.filter { $0.text.contains("orders/inventory") && ($0.kind == .pause || $0.kind == .resume) }
        #expect(logged.map(\.kind) == [.pause, .resume], "one line per pause and per resume: \(logged.map(\.text))")
    }

    @Test func aPausedQueueConsumerResumesAndFlowsAgain() throws {
        var driver = try Driver("demo")
        driver.wait(seconds: 20)
        driver.select(.group(.queue("emails")), in: .groups)
        driver.type("p")
        // Paused, it takes nothing new; what it held when paused still finishes (150 ms a job), and then nothing.
        let deliveredAtPause = try driver.queue("emails").counters.delivered
        driver.wait(seconds: 3)
        let ackedWhilePaused = try driver.queue("emails").counters.acked
        driver.wait(seconds: 10)
        #expect(try driver.queue("emails").counters.delivered == deliveredAtPause)
        #expect(try driver.queue("emails").counters.acked == ackedWhilePaused)
        #expect(driver.snapshot.instances.filter { $0.source == .queue("emails") }.allSatisfy { $0.state == .paused })
        driver.type("p")
        driver.wait(seconds: 10)
        #expect(try driver.queue("emails").counters.acked > ackedWhilePaused + 20)
    }

    @Test func poisonSaysWhichPartitionAndOffsetGotItAndTheRecordIsThere() throws {
        var driver = try Driver("demo")
        driver.wait(seconds: 5)
        driver.select(.topic("orders"), in: .partitions)
        driver.type("!")
        driver.type("y")
        let words = driver.status.split(separator: " ")
        // "poison message published to orders[P] at offset O"
        #expect(driver.status.hasPrefix("poison message published to orders["), "status: \(driver.status)")
        let partition = try #require(Int(driver.status.drop { $0 != "[" }.dropFirst().prefix { $0 != "]" }))
        let offset = try #require(words.last.flatMap { Int64($0) })
        let page = try driver.backend.simulation.inspect(.partition(topic: "orders", partition: partition, fromOffset: offset))
        let record = try #require(page.messages.first)
        #expect(record.offset == offset && record.headers.contains { $0.name == "x-sluice-poison" })
        #expect(driver.snapshot.events.last?.text == driver.status)
    }

    @Test func claimingOnTheSimulationIsUnavailableWithTheReason() throws {
        var driver = try Driver("demo")
        driver.wait(seconds: 5)
        driver.select(.group(.group(GroupID("billing", stream: "orders"))), in: .groups)
        let before = driver.snapshot.groups
        driver.press(.char("c"))
        #expect(driver.state.overlay == .none)
        #expect(driver.status.contains("unavailable: a simulated queue hands an unacknowledged message on again"), "\(driver.status)")
        #expect(driver.snapshot.groups == before)
    }
}

/// The hot-partition case on screen: each partition's produce rate, and `e` names its hottest keys.
@Suite struct HotPartitionScreenTests {
    @Test func thePartitionsPanelShowsRatesAndExplainNamesTheHottestKeys() throws {
        var driver = try Driver("hot-partition", seed: nil)
        driver.wait(seconds: 30)
        let topic = try #require(driver.snapshot.topics.first)
        let hottest = try #require(topic.partitions.max { $0.producedPerSecond < $1.producedPerSecond })
        let screen = driver.screen()
        #expect(screen.contains("in/s"), "\(screen.text)")
        let row = try #require(screen.find("p\(hottest.index)")).y
        #expect(screen.line(row).contains(Format.number(hottest.producedPerSecond)))
        driver.select(.partition(topic: topic.name, index: hottest.index), in: .partitions)
        driver.type("e")
        let explained = driver.screen(width: 220, height: 60).text
        let key = try #require(hottest.hotKeys.first).key
        #expect(explained.contains("hottest keys (sampled): " + String(decoding: key, as: UTF8.self)), "\(explained)")
        #expect(explained.contains("handed out "))
    }
}
