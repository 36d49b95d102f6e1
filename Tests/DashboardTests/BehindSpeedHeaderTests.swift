import Dashboard
import SluiceModel
import Testing

/// A simulation that cannot keep up with the asked speed says so in the header, in the warning colour.
@Suite struct BehindSpeedHeaderTests {
    @Test(arguments: [(0.3, "running at 0.3x of the asked speed"), (0.004, "running at under 0.01x of the asked speed")])
    func theHeaderSaysHowFastTheRunReallyGoes(reached: Double, text: String) {
        var behind = Fixtures.checkout
        behind.clock.reachedSpeed = reached
        let buffer = Fixtures.render(Fixtures.state, behind, width: 160, height: 48)
        #expect(buffer.line(0).contains(text))
        #expect(buffer.styleOf("running at")?.foreground == .warn)
        #expect(!Fixtures.render(width: 160, height: 48).line(0).contains("running at"))
    }
}
