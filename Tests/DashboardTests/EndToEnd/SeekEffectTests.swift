import Dashboard
import Simulation
import SluiceModel
import Testing

/// Replays and seeks through the replay form, on real runs: what the confirmation counts is what the
/// broker does, and a seek past a poison record frees the member stuck retrying it.
@Suite struct SeekEffectTests {
    /// The poison-message lesson 35 s in: indexer's member that got the poison record (at 20 s) retries
    /// it in place, and its partitions stand still.
    static func stuckIndexer() throws -> (driver: Driver, partition: Int, offset: Int64) {
        var driver = try Driver("poison-message", seed: nil)
        driver.wait(seconds: 30)
        let before = try driver.group(GroupID("indexer", stream: "events")).partitions
        driver.wait(seconds: 5)
        let after = try driver.group(GroupID("indexer", stream: "events")).partitions
        let stuck = try #require(zip(before, after).first { $0.committedOffset == $1.committedOffset && $1.lag > 0 }?.1)
        return (driver, stuck.partition, stuck.committedOffset)
    }

    @Test func seekingOnePartitionPastThePoisonRecordFreesTheStuckMember() throws {
        var (driver, partition, poisonOffset) = try Self.stuckIndexer()
        let owner = try #require(driver.group(GroupID("indexer", stream: "events")).partitions[partition].owner)
        let ownerPartitions = try #require(driver.group(GroupID("indexer", stream: "events")).members.first { $0.id == owner }).assigned.map(\.partition)
        driver.select(.group(.group(GroupID("indexer", stream: "events"))), in: .groups)
        driver.type("r")
        driver.fill([("partition", String(partition)), ("to", "offset"), ("offset or time", String(poisonOffset + 1))])
        driver.press(.enter)
        let question = try #require(driver.confirmationText)
        #expect(question.contains("This seek: skips 1 record."), "\(question)")
        driver.type("y")
        #expect(try driver.group(GroupID("indexer", stream: "events")).partitions[partition].committedOffset == poisonOffset + 1)
        let lagAtSeek = try driver.group(GroupID("indexer", stream: "events")).totalLag
        let before = try driver.group(GroupID("indexer", stream: "events")).partitions
        driver.wait(seconds: 10)
        let after = try driver.group(GroupID("indexer", stream: "events")).partitions
        for moved in ownerPartitions {
            #expect(after[moved].committedOffset > before[moved].committedOffset + 50, "partition \(moved) flows again")
        }
        #expect(try driver.group(GroupID("indexer", stream: "events")).totalLag < lagAtSeek / 4)
        let member = try #require(driver.group(GroupID("indexer", stream: "events")).members.first { $0.id == owner })
        #expect(member.inFlight < member.maxInFlight ?? 0, "the stuck record's slot is free")
    }

    @Test func seekingEveryPartitionToLatestSkipsWhatWasWaitingAndFreesTheMember() throws {
        var (driver, partition, _) = try Self.stuckIndexer()
        let waiting = try driver.group(GroupID("indexer", stream: "events")).totalLag
        driver.select(.group(.group(GroupID("indexer", stream: "events"))), in: .groups)
        driver.type("r")
        driver.fill([("partition", "all"), ("to", "latest")])
        driver.press(.enter)
        let question = try #require(driver.confirmationText)
        #expect(question.contains("This seek: skips \(waiting) records."), "\(question)")
        driver.type("y")
        #expect(driver.status.contains("skips \(waiting) records"), "status: \(driver.status)")
        let before = try driver.group(GroupID("indexer", stream: "events")).partitions[partition].committedOffset
        driver.wait(seconds: 10)
        #expect(try driver.group(GroupID("indexer", stream: "events")).partitions[partition].committedOffset > before + 50)
        #expect(try driver.group(GroupID("indexer", stream: "events")).totalLag < 40)
    }

    @Test func theConfirmationCountsWhatTheBrokerReplays() throws {
        var driver = try Driver("demo")
        driver.wait(seconds: 60)
        driver.select(.group(.group(GroupID("billing", stream: "orders"))), in: .groups)
        driver.type("r")
        driver.fill([("partition", "1"), ("to", "offset"), ("offset or time", "10")])
        driver.press(.enter)
        let committed = try driver.group(GroupID("billing", stream: "orders")).partitions[1].committedOffset
        let estimate = try #require(driver.state.pendingReplay?.estimatedCount(driver.snapshot))
        let broker = try #require(driver.backend.seekCount(group: GroupID("billing", stream: "orders"), partition: PartitionRef(topic: "orders", partition: 1), to: .offset(10)))
        #expect(estimate == broker)
        #expect(broker.again == committed - 10 && broker.skipped == 0)
        #expect(try #require(driver.confirmationText).contains("This seek: \(broker.again) records consumed again."))
        driver.type("y")
        #expect(try driver.group(GroupID("billing", stream: "orders")).partitions[1].committedOffset == 10)
        #expect(try driver.group(GroupID("billing", stream: "orders")).partitions[1].lag >= broker.again)
    }
}
