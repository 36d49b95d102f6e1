import Dashboard
import Simulation
import SluiceModel
import Testing

/// The inspector on real runs: pages through what a queue holds, follows an event to the message,
/// and shows each message's state, deliveries and history in the units a person reads.
@Suite struct InspectorEffectTests {
    /// The demo 58 s in: the email provider has been down since 35 s, so emails has backed up and
    /// emails.dlq holds letters.
    static func demoDuringTheOutage() throws -> Driver {
        var driver = try Driver("demo")
        driver.wait(seconds: 58)
        return driver
    }

    @Test func aQueueLargerThanAPageSaysHowManyAndPagesOn() throws {
        var driver = try Self.demoDuringTheOutage()
        let depth = try driver.queue("emails").depth
        try #require(depth > 100, "emails holds \(depth)")
        driver.select(.queue("emails"), in: .queues)
        driver.press(.enter)
        #expect(driver.state.focus == .inspector)
        var screen = driver.screen()
        #expect(screen.contains("Inspector · emails · 1-100/\(depth)"), "\(screen.text)")
        driver.press(.char("G"))
        driver.press(.char("j"))
        screen = driver.screen()
        let shown = try #require(driver.snapshot.inspection)
        #expect(shown.before == 100 && shown.messages.count == depth - 100)
        #expect(screen.contains("101-\(depth)/\(depth)"), "\(screen.text)")
        #expect(driver.state.selectedItem(.inspector, driver.snapshot) == .message(0), "the cursor starts the new page")
        driver.press(.char("k"))
        #expect(driver.snapshot.inspection?.before == 0)
        #expect(driver.state.selectedItem(.inspector, driver.snapshot) == .message(99), "back at the end of page one")
    }

    @Test func aDeadLetterCountsItsDeliveriesAndItsHistoryReadsLikeTheClock() throws {
        var driver = try Self.demoDuringTheOutage()
        driver.select(.queue("emails.dlq"), in: .queues)
        driver.press(.enter)
        let letter = try #require(driver.snapshot.inspection?.messages.first)
        let maxDeliveries = try #require(driver.queue("emails").maxDeliveries)
        #expect(letter.state == .deadLettered)
        #expect(letter.deliveryCount == maxDeliveries)
        driver.press(.enter)
        #expect(driver.state.inspectorDetail)
        driver.type("z")
        let screen = driver.screen()
        #expect(screen.contains("deliveries \(maxDeliveries)"))
        #expect(screen.contains("; dead-lettered at 00:00:"), "\(screen.text)")
        #expect(!screen.contains(" ns"), "no raw nanoseconds on screen")
        driver.press(.escape)
        #expect(!driver.state.inspectorDetail, "Esc closes the open message")
    }

    @Test func enterOnADeadLetterEventOpensTheMessageWhereItIsNow() throws {
        var driver = try Self.demoDuringTheOutage()
        let event = try #require(driver.snapshot.events.last { $0.kind == .deadLetter && $0.correlationId != nil && $0.text.hasPrefix("emails:") })
        let id = try #require(event.correlationId)
        driver.select(.event(try #require(driver.snapshot.events.lastIndex(of: event))), in: .events)
        driver.press(.enter)
        #expect(driver.state.focus == .inspector)
        #expect(driver.state.filter == id)
        let rows = PanelItems.items(.inspector, driver.snapshot, filter: driver.state.filter)
        #expect(rows.count == 1, "the one message, in emails.dlq")
        #expect(driver.snapshot.inspection?.target == .queue(name: "emails.dlq"))
        if case .message(let index)? = rows.first {
            #expect(driver.snapshot.inspection?.messages[index].messageId == id)
        }
    }

    @Test func aStreamRecordShowsItsStateAndTheAttemptItIsStuckAt() throws {
        var (driver, partition, offset) = try SeekEffectTests.stuckIndexer()
        driver.select(.partition(topic: "events", index: partition), in: .partitions)
        driver.press(.enter)
        let inspection = try #require(driver.snapshot.inspection)
        #expect(inspection.target == .partition(topic: "events", partition: partition, fromOffset: offset))
        let stuck = try #require(inspection.messages.first)
        #expect(stuck.offset == offset && stuck.state == .retrying)
        #expect((stuck.deliveryCount ?? 0) > 5)
        #expect(inspection.messages.dropFirst().allSatisfy { $0.state == .handedOut || $0.state == .unread })
        driver.press(.enter)
        driver.type("z")
        #expect(driver.screen().contains("is on it: attempt \(stuck.deliveryCount ?? 0), last error: poison message"), "\(driver.screen().text)")
    }
}

extension Buffer {
    /// Every row, for a failure message.
    var text: String { (0..<height).map { line($0) }.joined(separator: "\n") }
}
