import SluiceModel
import Testing
@testable import Simulation

/// Files that used to be accepted, or refused without saying where, each get file, line and key.
@Suite struct ValidationGapTests {
    private static let base = """
    [scenario]
    name = "gaps"
    duration = "1m"

    [[queue]]
    name = "jobs"
    max_deliveries = 3

    [[producer]]
    name = "p"
    target = "jobs"
    rate = 5.0

    [[consumer]]
    name = "w"
    source = "jobs"
    instances = 2

    """

    private func failure(_ extra: String, replacing old: String = "", with new: String = "") -> ScenarioError? {
        let text = (old.isEmpty ? Self.base : Self.base.replacingFirst(old, with: new)) + extra
        do { _ = try ScenarioLoader.parse(text, file: "g.toml"); return nil } catch { return error }
    }

    @Test func aDeadLetterQueueThatIsNotDeclaredIsRefusedNotCreated() {
        let error = failure("", replacing: "max_deliveries = 3\n", with: "max_deliveries = 3\ndead_letter = \"jobs.dql\"\n")
        #expect(error?.line == 8 && error?.key == "queue.dead_letter")
        #expect(error?.message.hasPrefix(#"expected the name of another [[queue]] (none defined), got "jobs.dql""#) == true)
        #expect(failure("[[queue]]\nname = \"jobs.dlq\"\n", replacing: "max_deliveries = 3\n",
                        with: "max_deliveries = 3\ndead_letter = \"jobs.dlq\"\n") == nil)
    }

    @Test func aFaultAfterTheScenarioEndsIsRefused() {
        let error = failure("[[fault]]\nat = \"10h\"\naction = \"pause\"\ntarget = \"w/1\"\n")
        #expect(error?.description == #"g.toml:19: fault.at: expected a time before the scenario ends (its duration is 1m), got "10h""#)
        #expect(failure("[[fault]]\nat = \"59s\"\naction = \"pause\"\ntarget = \"w/1\"\n") == nil)
    }

    @Test func aScheduleChangeOrAnOutageAfterTheEndIsRefused() {
        #expect(failure("", replacing: "rate = 5.0\n", with: "rate = 5.0\nschedule = [{ at = \"2m\", rate = 1.0 }]\n")?.key
            == "producer.schedule.at")
        #expect(failure("[[downstream]]\nname = \"api\"\noutages = [{ at = \"1m\", for = \"5s\" }]\n")?.key
            == "downstream.outages.at")
    }

    @Test func aSlowInstanceBeyondTheConsumersInstancesIsRefused() {
        let error = failure("", replacing: "instances = 2\n", with: "instances = 2\nslow = [{ instance = 9 }]\n")
        #expect(error?.description == "g.toml:18: consumer.slow.instance: expected an integer from 1 to 2, got 9")
        #expect(failure("", replacing: "instances = 2\n", with: "instances = 2\nslow = [{ instance = 2 }]\n") == nil)
    }

    @Test func aDurationThatRepeatsAUnitIsRefused() {
        let error = failure("", replacing: #"duration = "1m""#, with: #"duration = "1h1h1h""#)
        #expect(error?.description == #"g.toml:3: scenario.duration: expected a duration like "250ms", got "1h1h1h""#)
    }

    @Test func aDurationPastAYearGetsTheSameMessageHoweverLongItIs() throws {
        let scenario = try ScenarioLoader.parse(Self.base, file: "g.toml")
        for text in ["366d", "1000000d"] {
            #expect(throws: ScenarioError(file: "--duration", line: nil, key: nil,
                                          message: "expected a duration of at most 365d, got \"\(text)\"")) {
                try scenario.runDuration(from: text)
            }
        }
        #expect(failure("", replacing: #"duration = "1m""#, with: #"duration = "1000000d""#)?.message
            == #"expected a duration of at most 365d, got "1000000d""#)
    }

    @Test func anUnknownDottedKeyIsNamedWithItsOwnLineNotItsTables() {
        let error = failure("", replacing: "instances = 2\n", with: "instances = 2\nretry.backoff = \"none\"\n")
        #expect(error?.line == 18)
        #expect(error?.key == "consumer.retry")
    }

    @Test func anUnknownSectionIsNamedWithItsLine() {
        for header in ["[[queues]]", "[queues]"] {
            let error = failure(header + "\nname = \"x\"\n")
            #expect(error?.line == 18)
            #expect(error?.key == "queues")
            #expect(error?.message.hasPrefix("unknown section; expected one of scenario, stream, queue") == true)
        }
    }
}
