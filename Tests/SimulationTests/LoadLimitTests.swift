import SluiceModel
import Testing
@testable import Simulation

/// Valid-looking files that would exhaust memory or time are refused by `check` with file, line and
/// key; a run that reaches a limit anyway stops with an error instead of swapping.
@Suite struct LoadLimitTests {
    private func failure(_ text: String) -> ScenarioError? {
        do { _ = try ScenarioLoader.parse(text, file: "l.toml"); return nil } catch { return error }
    }

    private static func flood(duration: String, extra: String = "") -> String {
        """
        [scenario]
        name = "flood"
        duration = "\(duration)"
        [[queue]]
        name = "q"
        [[producer]]
        name = "p"
        target = "q"
        rate = 1000000.0
        [[consumer]]
        name = "c"
        source = "q"
        service = { distribution = "constant", mean = "1s" }
        \(extra)
        """
    }

    @Test func moreTablesOfAKindThanTheLimitAreRefusedAtTheFirstOneBeyond() {
        let queues = (0...1000).map { "[[queue]]\nname = \"q\($0)\"\n" }.joined()
        let error = failure("[scenario]\nname = \"many\"\n" + queues)
        #expect(error?.line == 3 + 2 * 1000)
        #expect(error?.key == "queue")
        #expect(error?.message == "at most 1000 [[queue]] tables in a file; this is one more")
    }

    @Test func partitionsAndInstancesAreLimitedOverTheWholeFile() {
        let streams = (0..<17).map { "[[stream]]\nname = \"s\($0)\"\npartitions = 4096\n" }.joined()
        let tooManyPartitions = failure("[scenario]\nname = \"p\"\n" + streams)
        #expect(tooManyPartitions?.key == "stream.partitions")
        #expect(tooManyPartitions?.line == 3 + 3 * 16 + 2)
        let consumers = (0..<11).map { "[[consumer]]\nname = \"c\($0)\"\nsource = \"q\"\ninstances = 1000\n" }.joined()
        let tooManyInstances = failure("[scenario]\nname = \"i\"\n[[queue]]\nname = \"q\"\n" + consumers)
        #expect(tooManyInstances?.key == "consumer.instances")
        #expect(tooManyInstances?.message.hasPrefix("all consumers together may have at most 10000 instances") == true)
    }

    @Test func aScaleFaultMayNotLiftAConsumerPastTheServiceSlotsAndPayloadsAreBounded() {
        let scaled = failure(Self.flood(duration: "10s", extra: "[[fault]]\nat = \"1s\"\naction = \"scale\"\ntarget = \"c\"\ninstances = 1000")
            .replacingFirst("source = \"q\"", with: "source = \"q\"\nconcurrency = 1000"))
        #expect(scaled?.key == "consumer.concurrency")
        #expect(scaled?.message == "expected instances × concurrency of at most 100000 after scale faults, got 1000 × 1000")
        let payload = failure(Self.flood(duration: "10s").replacingFirst("rate = 1000000.0", with: "rate = 1.0\npayload = \"\(String(repeating: "x", count: 70_000))\""))
        #expect(payload?.key == "producer.payload")
        #expect(payload?.message == "expected a payload of at most 64 KiB, got 68 KiB")
    }

    @Test func aRateFaultMayNotLiftAProducerPastTheRateCeiling() {
        let error = failure(Self.flood(duration: "10s", extra: "[[fault]]\nat = \"1s\"\naction = \"rate\"\ntarget = \"p\"\nmultiplier = 1000.0"))
        #expect(error?.key == "fault.multiplier")
        #expect(error?.line == 18)
        #expect(error?.message == "expected a multiplier that keeps p at most 1000000 per second; its peak rate 1000000 × 1000 would be 1000000000")
    }

    @Test func aRunThatWouldOfferTooManyMessagesIsRefusedInTheFileAndForDuration() throws {
        let error = failure(Self.flood(duration: "1m"))
        #expect(error?.line == 9 && error?.key == "producer.rate")
        #expect(error?.message.hasPrefix("a run of 1m would offer up to 60000000 messages") == true)
        let short = try ScenarioLoader.parse(Self.flood(duration: "10s"), file: "l.toml")
        #expect(throws: ScenarioError.self) { try Simulation(scenario: short, options: .init(duration: 3600 * NanosPerUnit.second)) }
    }

    @Test func aRunThatHoldsTooManyMessagesStopsWithAnErrorNotMemory() throws {
        let text = Self.flood(duration: "10s").replacingFirst("rate = 1000000.0", with: "rate = 2000.0")
        var options = SimulationOptions()
        options.mostHeld = 3000
        var thrown: ScenarioError?
        do {
            _ = try HeadlessRun.run(try ScenarioLoader.parse(text, file: "l.toml"), options: options, format: .json,
                                    output: { _ in }, problems: { _ in })
        } catch { thrown = error }
        // About 2,000 held after one second, 4,000 after two: the check after the second one stops it.
        #expect(thrown?.message.hasPrefix("stopped at 2s: the broker holds ") == true, "\(String(describing: thrown))")
        #expect(thrown?.file == "l.toml")
    }
}
