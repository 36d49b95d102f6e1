import Dashboard
import Simulation
import SluiceModel
import Testing

/// Time keys on the real backend: pause, one-second steps that say what they did, speed.
@Suite struct TimeControlTests {
    @Test func aStepCoversOneSimulatedSecondAndSaysWhatHappenedInIt() throws {
        var driver = try Driver("demo")
        driver.wait(seconds: 10)
        driver.type(" ")
        #expect(driver.snapshot.clock.paused)
        let start = driver.snapshot.clock.now
        let produced = driver.backend.simulation.summary().number(at: .total(.produced)) ?? 0
        driver.type(".")
        #expect(driver.snapshot.clock.now == start + NanosPerUnit.second)
        let added = Int((driver.backend.simulation.summary().number(at: .total(.produced)) ?? 0) - produced)
        #expect(added > 20, "the demo produces about 48 a second")
        #expect(driver.status.hasPrefix("stepped to " + Format.clock(start + NanosPerUnit.second) + ": +\(added) produced, +"),
                "status: \(driver.status)")
        driver.wait(seconds: 5)
        #expect(driver.snapshot.clock.now == start + NanosPerUnit.second, "paused time stays where the step left it")
    }

    @Test func stepPausesARunningSystemFirst() throws {
        var driver = try Driver("demo")
        driver.wait(seconds: 3)
        driver.type(".")
        #expect(driver.snapshot.clock.paused)
        #expect(driver.snapshot.clock.now == 4 * NanosPerUnit.second)
    }

    @Test func fasterAndSlowerChangeHowMuchTimeAFrameCovers() throws {
        var driver = try Driver("demo")
        driver.type(">>")
        #expect(driver.snapshot.clock.speed == 5)
        #expect(driver.screen().line(0).contains(" 5x "))
        let start = driver.snapshot.clock.now
        driver.wait(seconds: 1)
        #expect(driver.snapshot.clock.now == start + 5 * NanosPerUnit.second)
        driver.type("<<<")
        #expect(driver.snapshot.clock.speed == 0.5)
    }
}
