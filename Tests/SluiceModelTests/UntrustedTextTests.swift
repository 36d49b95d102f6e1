import SluiceModel
import Testing

/// Untrusted bytes never reach a terminal raw: every output goes through these rules.
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

    @Test func invisibleCharactersAreShownSoLookAlikeNamesDiffer() {
        let lookAlikes = ["ord\u{200B}ers", "ord\u{200C}ers", "ord\u{200D}ers", "ord\u{2060}ers", "ord\u{FEFF}ers",
                          "ord\u{00AD}ers", "ord\u{180E}ers", "ord\u{3164}ers", "ord\u{E0041}ers"]
        let shown = lookAlikes.map(UntrustedText.escape)
        #expect(Set(shown).count == lookAlikes.count)
        for text in shown { #expect(text != "orders" && text.hasPrefix("ord\\u{") && text.hasSuffix("}ers")) }
        #expect(UntrustedText.escape("ord\u{2060}ers") == "ord\\u{2060}ers")
    }

    @Test func aJoinedEmojiSequenceComesApartIntoEmojiOfKnownWidth() {
        // Terminals disagree on a family emoji's width (2 or 6 columns); its joiners shown, every one agrees.
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        #expect(UntrustedText.escape(family) == "\u{1F468}\\u{200d}\u{1F469}\\u{200d}\u{1F467}")
        // A variation selector only picks how a symbol looks, and stays.
        #expect(UntrustedText.escape("\u{2764}\u{FE0F}") == "\u{2764}\u{FE0F}")
    }

    @Test func terminalSafeTextKeepsLinesAndBackslashesButNothingThatActs() {
        #expect(UntrustedText.terminalSafe("a\\x1b\nb") == "a\\x1b\nb")
        #expect(UntrustedText.terminalSafe("x\u{1b}]0;pwned\u{07}\n") == "x\\x1b]0;pwned\\x07\n")
        #expect(UntrustedText.terminalSafe("\u{9b}2J\r\u{202E}\u{200B}") == "\\u{9b}2J\\r\\u{202e}\\u{200b}")
        #expect(UntrustedText.terminalSafe("注文 é\n") == "注文 é\n")
    }
}
