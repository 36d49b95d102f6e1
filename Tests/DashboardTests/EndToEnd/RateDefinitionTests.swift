import Dashboard
import Simulation
import SluiceModel
import Testing

/// One definition of a member's rate and error share for stream members and queue consumers alike,
/// read over the same recent window, and a group's rate that is its members' rates added up.
@Suite struct RateDefinitionTests {
    @Test func errorSharesAreRecentForQueueConsumersAndStreamMembersAlike() throws {
        var driver = try Driver("demo")
        // The provider's first outage runs from 35 s to 60 s; by 75 s it is history.
        driver.wait(seconds: 50)
        let duringOutage = driver.snapshot.instances.filter { $0.source == .queue("emails") }
        #expect(duringOutage.allSatisfy { $0.errorRate > 0.5 }, "\(duringOutage.map(\.errorRate))")
        driver.wait(seconds: 25)
        let mailers = driver.snapshot.instances.filter { $0.source == .queue("emails") }
        #expect(!mailers.isEmpty)
        for mailer in mailers {
            let lifetime = Double(mailer.failed) / Double(mailer.processed + mailer.failed)
            #expect(mailer.errorRate < 0.2 && lifetime > mailer.errorRate,
                    "\(mailer.id): recent \(mailer.errorRate), lifetime \(lifetime)")
        }
    }

    @Test func aMembersRateIsWhatItFinishedOverTheWindow() throws {
        var driver = try Driver("demo")
        driver.wait(seconds: 30)
        let before = driver.snapshot.instances
        driver.wait(seconds: RateWindow.seconds)
        for instance in driver.snapshot.instances {
            let start = try #require(before.first { $0.id == instance.id })
            let finished = Double(instance.processed - start.processed) / Double(RateWindow.seconds)
            #expect(abs(instance.processedPerSecond - finished) < 1e-9, "\(instance.id)")
            if let member = driver.snapshot.groups.flatMap(\.members).first(where: { $0.id == instance.id }) {
                #expect(member.processedPerSecond == instance.processedPerSecond, "\(instance.id) reads one rate")
            }
        }
    }

    @Test func aGroupsRateIsItsMembersRatesAddedUpOnScreen() throws {
        var driver = try Driver("demo")
        driver.wait(seconds: 40)
        for group in driver.snapshot.groups {
            let sum = group.members.reduce(0) { $0 + $1.processedPerSecond }
            #expect(abs(group.consumedPerSecond - sum) < 1e-9, "\(group.id)")
        }
        let screen = driver.screen(width: 220, height: 60)
        let emails = driver.snapshot.instances.filter { $0.source == .queue("emails") }.reduce(0) { $0 + $1.processedPerSecond }
        let heading = try #require((0..<60).map { screen.line($0) }.first { $0.contains("emails") && $0.contains("queue ·") })
        #expect(heading.contains("queue · " + Format.rate(emails) + " done"), "\(heading)")
        #expect(screen.contains("/s " + RateWindow.label) && screen.contains("err " + RateWindow.label))
        driver.select(.group(.queue("emails")), in: .groups)
        driver.type("e")
        #expect(driver.screen(width: 220, height: 60).contains("done " + Format.rate(emails)), "e says what the heading says")
    }
}
