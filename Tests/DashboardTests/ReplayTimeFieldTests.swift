import Dashboard
import SluiceModel
import Testing

/// Replay's time field reads times as scenario files write durations (`90s`, `5m`, `1h30m`), bare
/// numbers as seconds (`12.5`), and a leading minus as that long before now (`-5m`).
@Suite struct ReplayTimeFieldTests {
    /// The replay form on orders/billing, `time` chosen, `text` typed in the last field, submitted.
    func replay(to text: String) -> DashboardState {
        var state = Fixtures.state(focus: .groups, on: .group(.group(GroupID("billing", stream: "orders"))))
        // group, partition, to: earliest → latest → offset → time; then the offset-or-time field.
        let keys: [Key] = [.char("r"), .down, .down, .right, .right, .right, .down] + text.map { .char($0) } + [.enter]
        for key in keys { (state, _) = DashboardApp.update(state, .key(key), Fixtures.checkout) }
        return state
    }

    @Test(arguments: [("5m", 300 * NanosPerUnit.second), ("1h30m", 5_400 * NanosPerUnit.second),
                      ("90s", 90 * NanosPerUnit.second), ("12.5", 12_500 * NanosPerUnit.millisecond),
                      ("250ms", 250 * NanosPerUnit.millisecond), ("0", 0)])
    func aTimeIsReadLikeAScenarioDuration(_ text: String, _ nanos: Nanos) {
        #expect(replay(to: text).pendingReplay?.position == .time(nanos), "\(text)")
    }

    /// A leading minus counts back from now (the fixture is 30 s in): on a live engine, before the attach.
    @Test func aTimeBeforeNowCountsBackFromTheClock() {
        #expect(Fixtures.checkout.clock.now == 30 * NanosPerUnit.second)
        #expect(replay(to: "-5m").pendingReplay?.position == .time(-270 * NanosPerUnit.second))
        #expect(replay(to: "-10s").pendingReplay?.position == .time(20 * NanosPerUnit.second))
    }

    @Test(arguments: ["soon", "--5m", "5 minutes", "1.2.3", "-"])
    func whatIsNotATimeIsRefusedWithTheFormsItTakes(_ text: String) {
        let state = replay(to: text)
        #expect(state.pendingReplay == nil)
        guard case .form(let form) = state.overlay else { Issue.record("the form closed on \(text)"); return }
        #expect(form.error?.contains("5m") == true && form.error?.contains("12.5") == true, "\(form.error ?? "")")
    }
}
