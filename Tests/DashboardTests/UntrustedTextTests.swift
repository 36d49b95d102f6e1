import Dashboard
import Testing

/// Untrusted bytes never reach the screen raw, and odd widths never break alignment.
@Suite struct UntrustedTextTests {
    @Test func escapeSequencesAreShownNotRun() {
        #expect(UntrustedText.escape(Array("\u{1b}[2Jboom".utf8)) == "\\x1b[2Jboom")
        #expect(UntrustedText.escape("bell\u{07}\u{7f}") == "bell\\x07\\x7f")
        #expect(UntrustedText.escape("a\tb\nc\rd") == "a\\tb\\nc\\rd")
    }

    @Test func c1ControlsAreEscapedWhetherRawOrEncoded() {
        // 0x9b alone is the 8-bit CSI, and not valid UTF-8 either.
        #expect(UntrustedText.escape([0x9B, 0x32, 0x4A]) == "\\x9b2J")
        // U+009B encoded properly is still a C1 control.
        #expect(UntrustedText.escape([0xC2, 0x9B, 0x32, 0x4A]) == "\\u{9b}2J")
    }

    @Test func invalidUTF8BecomesHexBytes() {
        #expect(UntrustedText.escape([0x68, 0x69, 0xFF]) == "hi\\xff")
        // Overlong encoding of "/", a lone surrogate, a truncated sequence, beyond U+10FFFF.
        #expect(UntrustedText.escape([0xC0, 0xAF]) == "\\xc0\\xaf")
        #expect(UntrustedText.escape([0xED, 0xA0, 0x80]) == "\\xed\\xa0\\x80")
        #expect(UntrustedText.escape([0xE6, 0x97]) == "\\xe6\\x97")
        #expect(UntrustedText.escape([0xF4, 0x90, 0x80, 0x80]) == "\\xf4\\x90\\x80\\x80")
    }

    @Test func validTextPassesThroughAndBackslashesAreDoubled() {
        #expect(UntrustedText.escape("注文-é ✓") == "注文-é ✓")
        #expect(UntrustedText.escape("a\\x1b") == "a\\\\x1b")
    }

    @Test func bidiOverridesCannotReorderTheScreen() {
        #expect(UntrustedText.escape("abc\u{202E}fed") == "abc\\u{202e}fed")
        #expect(UntrustedText.escape("\u{2066}x\u{2069}") == "\\u{2066}x\\u{2069}")
    }

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
