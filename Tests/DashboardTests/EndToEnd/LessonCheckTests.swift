import Dashboard
import Simulation
import SluiceModel
import Testing

/// A lesson's (and a scenario's) expectations on screen while it runs, with the values the run
/// gives, and a results view when it ends that agrees with `--headless`.
@Suite struct LessonCheckTests {
    @Test func aLessonShowsItsChecksLiveWithTheRunsValues() throws {
        var driver = try Driver("poison-message", seed: nil)
        driver.wait(seconds: 30)
        let summary = driver.backend.simulation.summary()
        let expectations = driver.backend.scenario.expectations
        #expect(driver.snapshot.checks.count == expectations.count)
        for (check, expectation) in zip(driver.snapshot.checks, expectations) {
            #expect(check.text == expectation.text)
            #expect(check.actual == summary.number(at: expectation.key), "\(check.text)")
        }
        let screen = driver.screen(width: 220, height: 60)
        let held = driver.snapshot.checks.filter(\.holds).count
        #expect(screen.contains("checks, live: \(held) of \(expectations.count) hold"), "\(screen.text)")
        let deadLettered = try #require(driver.snapshot.checks.first { $0.text.hasPrefix("queues.jobs.dead_lettered") })
        #expect(deadLettered.holds && deadLettered.actual == 1)
        #expect(screen.contains("✓ queues.jobs.dead_lettered == 1  now 1"))
    }

    @Test func whenTheRunEndsTheResultsAgreeWithTheHeadlessCheck() throws {
        var driver = try Driver("poison-message", seed: nil)
        driver.type(">>>>>>")
        driver.wait(seconds: 10)
        #expect(driver.snapshot.clock.finished)
        let failures = ExpectationCheck.failures(of: driver.backend.scenario.expectations, in: driver.backend.simulation.summary())
        let checks = driver.snapshot.checks
        #expect(checks.filter { !$0.holds }.map(\.text) == failures.map(\.expectation.text))
        let screen = driver.screen(width: 220, height: 60)
        #expect(screen.contains("Results · Poison message"))
        #expect(screen.contains("results: \(checks.filter(\.holds).count) of \(checks.count) hold"))
    }

    @Test func aScenarioWithoutALessonShowsItsChecksToo() throws {
        var driver = try Driver("demo")
        driver.wait(seconds: 20)
        #expect(!driver.snapshot.checks.isEmpty)
        #expect(DashboardApp.visiblePanels(driver.snapshot).contains(.lesson))
        let screen = driver.screen()
        #expect(screen.contains("Checks") && screen.contains("✓ groups.orders/billing.lost == 0"), "\(screen.text)")
    }
}
