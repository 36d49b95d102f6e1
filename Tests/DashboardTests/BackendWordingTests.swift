import Dashboard
import SluiceModel
import Testing

/// Confirmations in the backend's words: `-`, `u` and `c` say what the engine behind will do, and a
/// backend that cannot claim says why instead of opening the form.
@Suite struct BackendWordingTests {
    static func press(_ keys: [Key], _ state: DashboardState, _ snapshot: SystemSnapshot) -> (DashboardState, [Effect]) {
        var state = state, effects: [Effect] = []
        for key in keys {
            let (next, new) = DashboardApp.update(state, .key(key), snapshot)
            state = next
            effects += new
        }
        return (state, effects)
    }

    static var redisLike: SystemSnapshot {
        var snapshot = Fixtures.checkout
        snapshot.capabilities.wording = [
            .removeInstance: ActionWording(verb: "Delete the idlest consumer of", consequence: "XGROUP DELCONSUMER."),
            .claim: ActionWording(verb: "Claim", consequence: "XAUTOCLAIM."),
        ]
        return snapshot
    }

    static func question(_ state: DashboardState) -> String? {
        if case .confirm(let confirmation) = state.overlay { confirmation.question } else { nil }
    }

    @Test func removingAnInstanceIsAskedInTheBackendsWords() {
        let start = Fixtures.state(focus: .groups, on: .group(.group(GroupID("billing", stream: "orders"))), Self.redisLike)
        let (asked, _) = Self.press([.char("-")], start, Self.redisLike)
        #expect(Self.question(asked) == "Delete the idlest consumer of billing? XGROUP DELCONSUMER.")
        // Without words of its own, the simulation's.
        let (plain, _) = Self.press([.char("-")], Fixtures.state(focus: .groups, on: .group(.group(GroupID("billing", stream: "orders")))), Fixtures.checkout)
        #expect(Self.question(plain) == "Remove one instance of billing? Its partitions move to the others.")
    }

    @Test func aClaimIsFilledAskedAndSent() {
        let start = Fixtures.state(focus: .groups, on: .member(group: .group(GroupID("billing", stream: "orders")), member: "billing/1"), Self.redisLike)
        let keys: [Key] = [.char("c"), .tab, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace,
                           .backspace, .backspace] + "rescuer".map { .char($0) } + [.tab, .backspace, .backspace, .backspace]
            + "1m30s".map { .char($0) } + [.enter]
        let (asked, effects) = Self.press(keys, start, Self.redisLike)
        #expect(effects.isEmpty)
        let pending = Self.redisLike.groups.first { $0.id == GroupID("billing", stream: "orders") }!.members.reduce(0) { $0 + $1.inFlight }
        #expect(Self.question(asked) == "Claim the entries of orders/billing pending 1m30s or more for rescuer? "
                + "\(pending) pending now. XAUTOCLAIM.")
        let (_, sent) = Self.press([.char("y")], asked, Self.redisLike)
        #expect(sent == [.send(.claim(group: GroupID("billing", stream: "orders"), consumer: "rescuer", minIdle: 90 * NanosPerUnit.second))])
    }

    @Test func aClaimWithoutADurationIsRefusedInTheForm() {
        let start = Fixtures.state(focus: .groups, on: .group(.group(GroupID("billing", stream: "orders"))), Self.redisLike)
        let keys: [Key] = [.char("c"), .tab, .tab, .backspace, .backspace, .backspace] + "soon".map { .char($0) } + [.enter]
        let (state, effects) = Self.press(keys, start, Self.redisLike)
        #expect(effects.isEmpty)
        guard case .form(let form) = state.overlay else { Issue.record("the form closed"); return }
        #expect(form.error == "idle at least is a duration, like a scenario file's: 500ms, 30s, 5m")
    }

    @Test func aBackendThatCannotClaimSaysWhy() {
        var snapshot = Fixtures.checkout
        snapshot.capabilities.unavailable[.claim] = "nothing stays pending here"
        let (state, effects) = Self.press([.char("c")], Fixtures.state(focus: .groups, on: .group(.group(GroupID("billing", stream: "orders"))), snapshot), snapshot)
        #expect(effects.isEmpty && state.overlay == .none)
        #expect(state.status?.text.hasSuffix("unavailable: nothing stays pending here") == true)
    }
}
