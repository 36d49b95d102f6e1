import Dashboard
import Testing

/// Theme colours map down to what a terminal has.
@Suite struct ColorDepthTests {
    @Test func coloursMapDownToWhatTheTerminalHas() {
        #expect(ThemeColor.rgb(1, 2, 3).resolved(for: .truecolor) == .rgb(1, 2, 3))
        #expect(ThemeColor.rgb(255, 0, 0).resolved(for: .ansi256) == .index(196))
        #expect(ThemeColor.rgb(128, 128, 128).resolved(for: .ansi256) == .index(244))
        #expect(ThemeColor.rgb(250, 10, 10).resolved(for: .ansi16) == .index(9))
        #expect(ThemeColor.indexed(196).resolved(for: .ansi16) == .index(9))
        #expect(ThemeColor.indexed(42).resolved(for: .ansi256) == .index(42))
        #expect(ThemeColor.rgb(9, 9, 9).resolved(for: .none) == .terminalDefault)
        #expect(ThemeColor.terminalDefault.resolved(for: .truecolor) == .terminalDefault)
    }
}
