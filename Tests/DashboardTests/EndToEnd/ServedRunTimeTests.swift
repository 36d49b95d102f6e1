import Dashboard
import Simulation
import SluiceModel
import Testing

/// A run that serves real clients (`run --kafka`) holds time to the wall clock: step, speed and a restart are
/// refused on the dashboard with the reason, and a pause freezes the simulated actors only, on the real backend.
@Suite struct ServedRunTimeTests {
    static let reason = "a Kafka listener is open: real clients live by the wall clock, so time runs at 1x"

    func served() throws -> Driver {
        var driver = try Driver("demo", servedBecause: Self.reason)
        driver.wait(seconds: 3)
        return driver
    }

    func produced(_ driver: Driver) -> Int64 {
        driver.snapshot.topics.flatMap(\.partitions).reduce(0) { $0 + $1.logEndOffset }
    }

    @Test(arguments: [">", "]", "<", "["])
    func speedKeysSayWhyAndTheSpeedStaysOneX(key: Character) throws {
        var driver = try served()
        driver.type(String(key))
        #expect(driver.snapshot.clock.speed == 1)
        #expect(driver.status.hasSuffix(": unavailable: " + Self.reason), "status: \(driver.status)")
        #expect(driver.screen().line(0).contains(" 1x "))
        let start = driver.snapshot.clock.now
        driver.wait(seconds: 2)
        #expect(driver.snapshot.clock.now == start + 2 * NanosPerUnit.second, "time runs at 1x")
    }

    @Test func aStepSaysWhyAndPausesNothing() throws {
        var driver = try served()
        let start = driver.snapshot.clock.now
        driver.type(".")
        #expect(driver.status.contains("unavailable: " + Self.reason), "status: \(driver.status)")
        #expect(!driver.snapshot.clock.paused, "the actors were not frozen first")
        let before = produced(driver)
        driver.wait(seconds: 2)
        #expect(driver.snapshot.clock.now == start + 2 * NanosPerUnit.second)
        #expect(produced(driver) > before, "the simulated producers carry on")
    }

    @Test func aPauseFreezesTheActorsWhileTimeRunsOn() throws {
        var driver = try served()
        driver.type(" ")
        #expect(driver.status == "simulated actors paused; time runs on and real clients are served")
        #expect(driver.snapshot.clock.paused)
        let (start, before) = (driver.snapshot.clock.now, produced(driver))
        driver.wait(seconds: 3)
        #expect(driver.snapshot.clock.now == start + 3 * NanosPerUnit.second, "time runs on")
        #expect(produced(driver) == before, "no simulated producer acted")
        driver.type(" ")
        #expect(driver.status == "simulated actors resumed")
        driver.wait(seconds: 2)
        #expect(produced(driver) > before)
    }

    @Test func aRestartAndTheSpeedPaletteAreRefused() throws {
        var driver = try served()
        driver.type("S")
        #expect(driver.state.overlay == .none, "no question is asked that cannot be carried out")
        #expect(driver.status.contains(Self.reason))
        driver.type(":speed 5")
        driver.press(.enter)
        #expect(driver.snapshot.clock.speed == 1)
        #expect(driver.status == "speed: unavailable: " + Self.reason)
    }

    @Test func helpSaysWhatTimeKeysDoHere() throws {
        var driver = try served()
        driver.type("?")
        let help = driver.screen(width: 160, height: 120).lines
        func below(_ summary: String) -> String? { help.firstIndex { $0.contains(summary) }.map { help[$0 + 1] } }
        // The reason's line ends at the box's edge; its start says enough.
        let refused = "(unavailable: a Kafka listener is open: real clients live by the wall clock"
        #expect(below("Faster (up to 100x)")?.contains(refused) == true)
        #expect(below("Slower (down to 0.1x)")?.contains(refused) == true)
        #expect(below("Step one second of time")?.contains(refused) == true)
        #expect(below("Pause or resume time")?.contains("(" + SimulationBackend.actorsOnlyPause + ")") == true)
    }
}
