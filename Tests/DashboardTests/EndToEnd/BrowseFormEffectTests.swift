import Dashboard
import Simulation
import SluiceModel
import Testing

/// `b` on a real seeded run: the browse form takes an offset, a time since the start or a time before now,
/// and the inspector then starts at the record the partition holds there.
@Suite struct BrowseFormEffectTests {
    /// The first record of `orders` partition `index` at or after `time`, found by paging through the
    /// partition by offset from its start.
    static func firstAtOrAfter(_ time: Nanos, _ driver: Driver, partition index: Int) throws -> Int64? {
        var from: Int64 = 0
        while true {
            let page = try driver.backend.simulation.inspect(.partition(topic: "orders", partition: index, fromOffset: from))
            if let found = page.messages.first(where: { $0.timestamp >= time }) { return found.offset }
            guard page.hasMore, let last = page.messages.last?.offset else { return nil }
            from = last + 1
        }
    }

    @Test func browsingFromATimeSinceTheStartOrBeforeNowStartsThere() throws {
        var driver = try Driver("demo")
        driver.wait(seconds: 40)
        driver.select(.partition(topic: "orders", index: 3), in: .partitions)
        driver.press(.char("b"))
        let form = try #require(driver.form)
        #expect(form.title == "Browse a partition")
        #expect(form.value("topic") == "orders" && form.value("partition") == "3")
        // The simulation has no ids of its own: only offsets and times.
        #expect(form.fields.first { $0.name == "from" }?.choices == ["offset", "time"])
        driver.fill([("from", "time"), ("offset or time", "12.5")])
        driver.press(.enter)
        #expect(driver.state.focus == .inspector)
        let expected = try #require(try Self.firstAtOrAfter(12_500 * NanosPerUnit.millisecond, driver, partition: 3))
        #expect(driver.snapshot.inspection?.messages.first?.offset == expected)
        #expect(driver.screen().contains("Inspector · orders"), "\(driver.screen().text)")

        // 30 s before now (40 s): the first record at or after 10 s.
        driver.press(.char("b"))
        #expect(driver.form?.value("partition") == "3", "the form starts on the partition being inspected")
        driver.fill([("from", "time"), ("offset or time", "-30s")])
        driver.press(.enter)
        let now = driver.snapshot.clock.now
        let tenSecondsIn = try #require(try Self.firstAtOrAfter(now - 30 * NanosPerUnit.second, driver, partition: 3))
        #expect(driver.snapshot.inspection?.messages.first?.offset == tenSecondsIn)

        // A time that is no time is refused in the form, which stays open.
        driver.press(.char("b"))
        driver.fill([("from", "time"), ("offset or time", "soon")])
        driver.press(.enter)
        #expect(driver.form?.error?.contains("time since the start") == true)
        driver.press(.escape)
        // An offset.
        driver.press(.char("b"))
        driver.fill([("from", "offset"), ("offset or time", "7")])
        driver.press(.enter)
        #expect(driver.snapshot.inspection?.messages.first?.offset == 7)
    }
}
