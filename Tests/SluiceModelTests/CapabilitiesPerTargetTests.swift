import SluiceModel
import Testing

/// What a live backend says after a poll: an action refused on some targets, with each one's reason.
@Suite struct CapabilitiesPerTargetTests {
    @Test func aReasonRefusesItsTargetAndNoOther() {
        let base = Capabilities(unavailable: [.crash: "not here"])
        let refused = base.refusing(.publish, on: [(.topic("mirror"), "mirror takes no publish"), (.topic("orders"), nil)])
        #expect(refused.availability(.publish, on: .topic("mirror")) == .unavailable("mirror takes no publish"))
        #expect(refused.availability(.publish, on: .topic("orders")) == .available)
        #expect(refused.availability(.publish, on: .queue("mirror")) == .available, "a queue of that name is another target")
        #expect(refused.availability(.crash) == .unavailable("not here"), "what was off everywhere stays off")
        let publish = Command.publish(target: "mirror", key: nil, value: [], headers: [], messageId: nil)
        #expect(refused.refusal(of: publish) == "mirror takes no publish")
    }

    @Test func anActionOffEverywhereKeepsItsOneReason() {
        let readOnly = Capabilities(unavailable: [.publish: "attached with --read-only"])
        let refused = readOnly.refusing(.publish, on: [(.topic("mirror"), "mirror takes no publish")])
        #expect(refused.perTarget.isEmpty)
        #expect(refused.availability(.publish, on: .topic("mirror")) == .unavailable("attached with --read-only"))
    }
}
