import Dashboard
import Simulation
import SluiceModel
import Testing

/// The publish form's headers field, pressed on the real demo: the record in the broker carries what was typed,
/// a malformed pair is refused in the form with what is wrong, and hostile bytes in it are escaped on screen.
@Suite struct PublishHeadersEffectTests {
    @Test func typedHeadersReachTheRecordInTheBroker() throws {
        var driver = try Driver("demo")
        driver.wait(seconds: 3)
        driver.select(.topic("orders"), in: .partitions)
        driver.type("P")
        driver.fill([("key", "k-7"), ("value", "{\"n\":7}"), ("headers", "trace-id = t-42; tenant=eu=west ;; retry=")])
        driver.press(.enter)
        #expect(driver.form == nil, "the form closed: \(driver.form?.error ?? "")")
        // "published to orders[P] at offset O"
        #expect(driver.status.hasPrefix("published to orders["), "status: \(driver.status)")
        let partition = try #require(Int(driver.status.drop { $0 != "[" }.dropFirst().prefix { $0 != "]" }))
        let offset = try #require(driver.status.split(separator: " ").last.flatMap { Int64($0) })
        let page = try driver.backend.simulation.inspect(.partition(topic: "orders", partition: partition, fromOffset: offset))
        let record = try #require(page.messages.first)
        #expect(record.offset == offset)
        #expect(record.headers == [Header("trace-id", Array("t-42".utf8)), Header("tenant", Array("eu=west".utf8)),
                                   Header("retry", [])])
    }

    @Test func aPairWithoutANameIsRefusedInTheFormAndNothingIsPublished() throws {
        var driver = try Driver("demo")
        driver.wait(seconds: 3)
        driver.select(.topic("orders"), in: .partitions)
        let before = driver.snapshot.topics.first { $0.name == "orders" }?.partitions.map(\.logEndOffset)
        driver.type("P")
        driver.fill([("value", "v"), ("headers", "a=1; \u{1B}[31mred")])
        driver.press(.enter)
        let form = try #require(driver.form, "the form stays open")
        #expect(form.error == "headers: '\\x1b[31mred' is not name=value (separate headers with ;)")
        #expect(driver.snapshot.topics.first { $0.name == "orders" }?.partitions.map(\.logEndOffset) == before)
        let screen = (0..<48).map { driver.screen().line($0) }.joined(separator: "\n")
        #expect(!screen.contains("\u{1B}"), "no escape byte reaches the screen")
        #expect(screen.contains("a=1; \\x1b[31mred"), "the typed headers are shown escaped")
    }
}
