import AttachSupport
import SluiceModel
import Testing

/// The one `send` every attach adapter goes through: what it refuses before the engine is asked, what it logs,
/// and how an adapter's error reaches the status line.
@Suite struct AttachedCommandTests {
    /// Runs `command` through `AttachedCommand.send` with `perform`; the outcome, the log and whether the
    /// engine was asked.
    private func send(_ command: Command, _ capabilities: Capabilities = .all,
                      perform: (Command) throws(AttachError) -> CommandOutcome) -> (CommandOutcome, [EventLogEntry.Kind], Bool) {
        var logged: [EventLogEntry.Kind] = []
        var asked = false
        let outcome = AttachedCommand.send(command, capabilities: capabilities, log: { kind, _ in logged.append(kind) }) {
            (command: Command) throws(AttachError) -> CommandOutcome in
            asked = true
            return try perform(command)
        }
        return (outcome, logged, asked)
    }

    private let publish = Command.publish(target: "orders", key: nil, value: Array("v".utf8), headers: [], messageId: nil)

    @Test func aDoneCommandIsLoggedUnderItsKind() {
        let (outcome, logged, asked) = send(publish) { _ throws(AttachError) in .done("published") }
        #expect(outcome == .done("published") && asked)
        #expect(logged == [.publish])
    }

    @Test func aBrowseIsNotLogged() {
        let (outcome, logged, _) = send(.inspect(.queue(name: "jobs"))) { _ throws(AttachError) in .done("12 messages") }
        #expect(outcome == .done("12 messages"))
        #expect(logged.isEmpty)
    }

    @Test func anUnavailableKindIsRefusedBeforeTheEngineIsAsked() {
        let readOnly = Capabilities(unavailable: [.publish: "read-only: --read-only was given"])
        let (outcome, logged, asked) = send(publish, readOnly) { _ throws(AttachError) in .done("published") }
        #expect(outcome == .failed("read-only: --read-only was given"))
        #expect(!asked && logged.isEmpty)
    }

    @Test func aTargetThatRefusesTheKindIsRefusedAndOthersAreNot() {
        var capabilities = Capabilities.all
        capabilities.set(.redrive, on: .queue("stream.q"), .unavailable("a stream queue cannot be read without consuming"))
        let refused = send(.redrive(deadLetterQueue: "stream.q", perSecond: 1), capabilities) { _ throws(AttachError) in .done("moving") }
        #expect(refused.0 == .failed("a stream queue cannot be read without consuming") && !refused.2)
        let allowed = send(.redrive(deadLetterQueue: "jobs.dlq", perSecond: 1), capabilities) { _ throws(AttachError) in .done("moving") }
        #expect(allowed.0 == .done("moving") && allowed.1 == [.redrive])
    }

    @Test func anAdaptersErrorBecomesItsMessageAndNothingIsLogged() {
        let (outcome, logged, asked) = send(.purge(queue: "jobs")) { _ throws(AttachError) in throw AttachError("the broker refused") }
        #expect(outcome == .failed("the broker refused") && asked)
        #expect(logged.isEmpty)
    }
}
