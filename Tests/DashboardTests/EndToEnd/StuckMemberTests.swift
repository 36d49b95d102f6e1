import Dashboard
import Simulation
import SluiceModel
import Testing

/// A member retrying a record in place: the screen says what it is stuck on, `e` explains it, and
/// `u` skips that one record so the member flows again.
@Suite struct StuckMemberTests {
    @Test func theStuckMemberSaysWhereAndWhyAndUSkipsThatRecord() throws {
        var (driver, partition, offset) = try SeekEffectTests.stuckIndexer()
        let owner = try #require(driver.group(GroupID("indexer", stream: "events")).partitions[partition].owner)
        let stuck = try #require(driver.group(GroupID("indexer", stream: "events")).members.first { $0.id == owner }?.stuck)
        #expect(stuck.partition.partition == partition && stuck.offset == offset && stuck.attempt > 5)
        #expect(stuck.lastError == "poison message")
        let row = try #require(driver.screen().find(owner + " "))
        let line = driver.screen().line(row.y)
        #expect(line.contains("stuck") && line.contains("p\(partition)@\(offset) try \(stuck.attempt)"), "\(driver.screen().text)")

        driver.select(.member(group: .group(GroupID("indexer", stream: "events")), member: owner), in: .groups)
        driver.type("e")
        let explained = driver.screen(width: 220, height: 60).text
        #expect(explained.contains("is stuck on p\(partition)@\(offset), attempt"), "\(explained)")
        driver.press(.escape)

        driver.type("u")
        let question = try #require(driver.confirmationText)
        #expect(question.contains("Skip p\(partition)@\(offset)"), "\(question)")
        driver.type("y")
        #expect(driver.status.contains("skipped p\(partition)@\(offset)"), "status: \(driver.status)")
        #expect(try driver.group(GroupID("indexer", stream: "events")).counters.skipped == 1)
        #expect(driver.snapshot.events.contains { $0.kind == .seek && $0.text.contains("skipped p\(partition)@\(offset)") })
        let before = try driver.group(GroupID("indexer", stream: "events")).partitions[partition].committedOffset
        #expect(before == offset + 1)
        driver.wait(seconds: 10)
        #expect(try driver.group(GroupID("indexer", stream: "events")).partitions[partition].committedOffset > before + 50)
        #expect(try driver.group(GroupID("indexer", stream: "events")).members.first { $0.id == owner }?.stuck == nil)
        #expect(driver.backend.simulation.violation == nil, "a skip is not a loss")
    }

    @Test func aMemberThatIsNotStuckHasNothingToSkip() throws {
        var driver = try Driver("demo")
        driver.wait(seconds: 5)
        driver.select(.member(group: .group(GroupID("analytics", stream: "orders")), member: "analytics/1"), in: .groups)
        driver.type("u")
        #expect(driver.state.overlay == .none)
        #expect(driver.status == "analytics/1 is not stuck on a record")
    }
}
