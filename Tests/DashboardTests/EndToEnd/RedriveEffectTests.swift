import Dashboard
import Simulation
import SluiceModel
import Testing

/// Redrive from the dashboard on the real demo, at the rate chosen in the form (the broker's own
/// tests cover the headroom a source keeps and the letters' ages).
@Suite struct RedriveEffectTests {
    @Test func redriveMovesLettersBackAtTheChosenRate() throws {
        var driver = try Driver("demo")
        driver.wait(seconds: 75)
        let letters = try driver.queue("emails.dlq").depth
        try #require(letters > 20, "the first outage dead-letters mail: \(letters)")
        driver.select(.queue("emails.dlq"), in: .queues)
        driver.type("R")
        #expect(driver.form?.title == "Redrive dead letters")
        driver.fill([("per second", "4")])
        driver.press(.enter)
        let question = try #require(driver.confirmationText)
        #expect(question.contains("Redrive \(letters) dead letters from emails.dlq back to emails at " + Format.rate(4) + "?"), "\(question)")
        driver.type("y")
        driver.wait(seconds: 5)
        let moved = letters - (try driver.queue("emails.dlq").depth)
        // Four a second for five seconds, plus the one moved at once; letters dead-lettered meanwhile add back.
        #expect((16...22).contains(moved), "moved \(moved)")
    }
}
