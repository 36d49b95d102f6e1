import Dashboard
import Simulation
import SluiceModel
import Testing

/// Real seeded runs of built-in scenarios, drawn at the three sizes: what the simulation did must
/// be what the screen says, in the colours that carry meaning.
enum SimulatedRuns {
    /// The demo (seed 42) two simulated minutes in, with billing/2 paused at one minute: the email
    /// provider's first outage has filled the DLQ, the zipf keys keep one partition hot.
    static let demo = Result { () throws -> SystemSnapshot in
        let backend = try SimulationBackend(scenarioNamed: "demo", seed: 42)
        backend.simulation.run(until: 60 * NanosPerUnit.second)
        _ = backend.send(.pause(consumers: .group(GroupID("billing", stream: "orders")), member: "billing/2"))
        backend.simulation.run(until: 120 * NanosPerUnit.second)
        return backend.snapshot()
    }

    /// The lag-and-catch-up lesson 70 simulated seconds in: past its second step.
    static let lesson = Result { () throws -> SystemSnapshot in
        let backend = try SimulationBackend(scenarioNamed: "lag-and-catch-up")
        backend.simulation.run(until: 70 * NanosPerUnit.second)
        return backend.snapshot()
    }

    static func zoomed(_ panel: PanelID, _ snapshot: SystemSnapshot, _ size: RenderTests.Size) -> Buffer {
        var state = Fixtures.state
        state.focus = panel
        state.zoomed = true
        return Fixtures.render(state, snapshot, width: size.width, height: size.height)
    }

    /// The column where `needle` starts on row `y`, if it is there.
    static func column(of needle: String, in buffer: Buffer, row y: Int) -> Int? {
        let line = buffer.line(y)
        return line.firstRange(of: needle).map { CharacterWidth.of(String(line[..<$0.lowerBound])) }
    }
}

@Suite struct SimulatedRunRenderTests {
    @Test(arguments: Fixtures.sizes)
    func theWholeScreenShowsTheRunWithEveryPanel(_ size: RenderTests.Size) throws {
        let snapshot = try SimulatedRuns.demo.get()
        let buffer = Fixtures.render(Fixtures.state, snapshot, width: size.width, height: size.height)
        let header = buffer.line(0)
        for text in ["demo", "t=00:02:00.0", "seed 42", "produced " + Format.rate(snapshot.throughput.producedPerSecond)] {
            #expect(header.contains(text), "\(text) at \(size)")
        }
        for panel in PanelID.allCases where panel != .lesson {
            #expect(buffer.contains(" " + panel.title + " ") || buffer.contains(" " + panel.title.prefix(12)), "\(panel) at \(size)")
        }
        #expect(!buffer.contains("unavailable"), "the simulation can do everything")
    }

    @Test(arguments: Fixtures.sizes)
    func theHottestPartitionIsTheOneTheSimulationFilledFastest(_ size: RenderTests.Size) throws {
        let snapshot = try SimulatedRuns.demo.get()
        let partitions = try #require(snapshot.topics.first { $0.name == "orders" }).partitions
        let hottest = try #require(partitions.max { $0.producedPerSecond < $1.producedPerSecond })
        let buffer = SimulatedRuns.zoomed(.partitions, snapshot, size)
        let label = "p\(hottest.index)●"
        let at = try #require(buffer.find(label), "\(label) at \(size)")
        #expect(buffer.style(x: at.x, y: at.y).foreground == .warn)
        #expect(buffer.style(x: at.x, y: at.y).attributes.contains(.bold))
        #expect(buffer.line(at.y).contains(Format.count(hottest.logEndOffset)))
        for other in partitions where other.index != hottest.index {
            #expect(!buffer.contains("p\(other.index)●"))
        }
        if size.width >= 160 {
            let billing = try #require(snapshot.groups.first { $0.name == "billing" }?.partitions.first { $0.partition == hottest.index })
            #expect(buffer.line(at.y).hasSuffix(Format.count(billing.lag) + "┃") || buffer.line(at.y).contains(" " + Format.count(billing.lag) + " "))
        }
    }

    @Test(arguments: Fixtures.sizes)
    func aPausedMemberShowsPausedInTheWarningColour(_ size: RenderTests.Size) throws {
        let snapshot = try SimulatedRuns.demo.get()
        #expect(snapshot.instances.first { $0.id == "billing/2" }?.state == .paused)
        let buffer = SimulatedRuns.zoomed(.groups, snapshot, size)
        let row = try #require(buffer.find("billing/2")).y
        let x = try #require(SimulatedRuns.column(of: "paused", in: buffer, row: row), "\(buffer.line(row))")
        #expect(buffer.style(x: x, y: row).foreground == .warn)
        for other in ["billing/1", "billing/3"] {
            let otherRow = try #require(buffer.find(other)).y
            #expect(buffer.line(otherRow).contains("running"), "\(other) at \(size)")
        }
    }

    @Test(arguments: Fixtures.sizes)
    func theDeadLetterQueueShowsItsDepthAndItsLatestReasons(_ size: RenderTests.Size) throws {
        let snapshot = try SimulatedRuns.demo.get()
        let dlq = try #require(snapshot.queues.first { $0.name == "emails.dlq" })
        #expect(dlq.depth > 0, "the provider's outage dead-lettered emails")
        let newest = try #require(dlq.recentDeadLetters.max { $0.at < $1.at })
        let retries = SimulatedRuns.zoomed(.retries, snapshot, size)
        #expect(retries.contains("latest dead letters"))
        let row = try #require(retries.find(newest.messageId + " "), "\(newest.messageId) at \(size)").y
        #expect(retries.line(row).contains("x\(newest.deliveryCount)"))
        let reasonStart = String(UntrustedText.escape(newest.reason).prefix(8))
        let x = try #require(SimulatedRuns.column(of: reasonStart, in: retries, row: row), "\(retries.line(row))")
        #expect(retries.style(x: x, y: row).foreground == .error)
        let queues = SimulatedRuns.zoomed(.queues, snapshot, size)
        let dlqRow = try #require(queues.find("DLQ emails.dlq"))
        #expect(queues.style(x: dlqRow.x, y: dlqRow.y).foreground == .error, "a DLQ holding letters is red")
        #expect(queues.line(dlqRow.y).contains(Format.count(Int64(dlq.waiting))))
    }

    @Test(arguments: Fixtures.sizes)
    func everyMemberGaugeStaysWithinItsMaximum(_ size: RenderTests.Size) throws {
        let snapshot = try SimulatedRuns.demo.get()
        let buffer = SimulatedRuns.zoomed(.groups, snapshot, size)
        #expect(!buffer.contains(" over"))
        for member in snapshot.groups.flatMap(\.members) {
            let row = try #require(buffer.find(member.id)).y
            #expect(buffer.line(row).contains("\(member.inFlight)/\(member.maxInFlight ?? 0)"), "\(member.id) at \(size)")
        }
    }

    @Test(arguments: Fixtures.sizes)
    func theLessonPanelTellsTheStepTheRunReached(_ size: RenderTests.Size) throws {
        let snapshot = try SimulatedRuns.lesson.get()
        let lesson = try #require(snapshot.lesson)
        #expect(lesson.reached >= 2)
        let buffer = Fixtures.render(Fixtures.state, snapshot, width: size.width, height: size.height)
        #expect(buffer.contains("Lesson · " + String(lesson.title.prefix(10))))
        let zoomed = SimulatedRuns.zoomed(.lesson, snapshot, size)
        #expect(zoomed.contains("step \(lesson.stepIndex + 1)/\(lesson.stepCount)"))
        #expect(zoomed.contains(String(lesson.text.prefix(20))))
        #expect(zoomed.contains("fired at"))
        #expect(zoomed.contains("n/N steps · L lessons · e explain"))
        #expect(zoomed.styleOf("n/N steps")?.foreground == .accent)
    }
}
