import Dashboard
import Testing

/// Escaped text lands in cells as it should, and odd widths never break alignment.
@Suite struct UntrustedTextCellTests {
    @Test func wideCharactersTakeTwoCellsAndKeepColumnsAligned() {
        var buffer = Buffer(width: 12, height: 2)
        let used = buffer.put("注文x", x: 0, y: 0, style: .plain)
        buffer.put("abcde|", x: 0, y: 1, style: .plain)
        #expect(used == 5)
        #expect(buffer.isWide(x: 0, y: 0))
        #expect(buffer.text(x: 1, y: 0) == "")
        #expect(buffer.text(x: 4, y: 0) == "x")
        #expect(buffer.line(0) == "注文x       ")
        #expect(CharacterWidth.of(buffer.line(0)) == 12)
    }

    @Test func combiningMarksStayWithTheirLetter() {
        var buffer = Buffer(width: 6, height: 1)
        let decomposed = "e\u{301}x"
        #expect(CharacterWidth.of(decomposed) == 2)
        #expect(buffer.put(decomposed, x: 0, y: 0, style: .plain) == 2)
        #expect(buffer.text(x: 0, y: 0) == "e\u{301}")
        #expect(buffer.text(x: 1, y: 0) == "x")
        // A lone combining mark or a zero-width space takes no cell at all.
        #expect(buffer.put("\u{301}\u{200B}y", x: 2, y: 0, style: .plain) == 1)
        #expect(buffer.text(x: 2, y: 0) == "y")
    }

    @Test func aWideCharacterThatDoesNotFitLeavesABlank() {
        var buffer = Buffer(width: 3, height: 1)
        #expect(buffer.put("ab注", x: 0, y: 0, style: .plain) == 3)
        #expect(buffer.line(0) == "ab ")
    }

    @Test func overwritingHalfAWideCharacterClearsTheOtherHalf() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.put("注文", x: 0, y: 0, style: .plain)
        buffer.put("z", x: 1, y: 0, style: .plain)
        #expect(buffer.line(0) == " z文")
        buffer.put("q", x: 2, y: 0, style: .plain)
        #expect(buffer.line(0) == " zq ")
    }

    @Test func controlCharactersThatSlipPastEscapingNeverReachACell() {
        var buffer = Buffer(width: 8, height: 1)
        buffer.put("a\u{1b}b\u{9b}c", x: 0, y: 0, style: .plain)
        #expect(!buffer.line(0).unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
    }

    @Test func escapedPayloadsRenderWithoutRawControlsInTheInspector() {
        var state = Fixtures.state(focus: .inspector, on: .message(1), Fixtures.inspecting)
        state.inspectorDetail = true
        let buffer = Fixtures.render(state, Fixtures.inspecting, width: 160, height: 48)
        #expect(buffer.contains("\\x1b[2J"))
        #expect(buffer.contains("hi\\xff\\x9b\\n"))
        for line in buffer.lines {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
        }
    }
}
