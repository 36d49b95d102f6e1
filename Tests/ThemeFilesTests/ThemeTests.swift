import Dashboard
import Foundation
import SluiceModel
import Testing
import ThemeFiles

/// Theme files parse, malformed ones say where and what, colours map down to what a terminal has.
@Suite struct ThemeTests {
    static let themesFolder: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
        return path + "/Themes"
    }()

    static let valid = """
        # a comment
        background = "#000000"   # trailing comment
        foreground = "#ffffff"
        muted = 244
        border = "default"
        border_focused = "#00ff00"
        title = "#ffffff"
        accent = "#0000ff"
        ok = "#00ff00"
        warn = "#ffff00"
        error = "#ff0000"
        gradient = [
          "#000000", 21,
          "#ffffff",
        ]
        """

    func error(_ text: String) -> ThemeError? {
        do {
            _ = try ThemeReader.parse(text, name: "t", file: "themes/t.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test func theEmbeddedCopiesMatchTheFiles() throws {
        let embedded = ThemeCatalog.embeddedTexts
        #expect(embedded.count >= 6)
        for (name, text) in embedded {
            let file = try #require(try? String(contentsOfFile: Self.themesFolder + "/\(name).toml", encoding: .utf8),
                                    "Themes/\(name).toml is missing")
            #expect(file == text, "Themes/\(name).toml differs from what the binary carries")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.themesFolder).filter { $0.hasSuffix(".toml") }
            .map { String($0.dropLast(5)) }
        #expect(Set(names) == Set(embedded.map(\.name)), "name every file of Themes/ in Themes/EmbeddedThemes.swift")
    }

    @Test func everyBuiltInThemeParsesAndTheSetHasLightAndHighContrast() throws {
        let catalog = ThemeCatalog.embedded
        #expect(catalog.errors.isEmpty)
        #expect(catalog.themes.count >= 6)
        #expect(catalog.themes.first?.name == "default")
        let paper = try #require(catalog.theme(named: "paper"))
        let contrast = try #require(catalog.theme(named: "contrast"))
        #expect(brightness(paper.color(.background)) > brightness(paper.color(.foreground)), "paper is light")
        #expect(brightness(contrast.color(.foreground)) - brightness(contrast.color(.background)) > 0.95, "contrast is stark")
    }

    @Test func aValidThemeParses() throws {
        let theme = try ThemeReader.parse(Self.valid, name: "t", file: "t.toml")
        #expect(theme.color(.background) == .rgb(0, 0, 0))
        #expect(theme.color(.muted) == .indexed(244))
        #expect(theme.color(.border) == .terminalDefault)
        #expect(theme.gradient == [.rgb(0, 0, 0), .indexed(21), .rgb(255, 255, 255)])
        #expect(theme.color(.gradient(0)) == .rgb(0, 0, 0))
        #expect(theme.color(.gradient(ColorRole.gradientSteps - 1)) == .rgb(255, 255, 255))
    }

    @Test func errorsNameTheFileTheLineAndTheKey() {
        let badColour = error(Self.valid.replacingFirst("muted = 244", with: "muted = \"#12345\""))
        #expect(badColour?.file == "themes/t.toml")
        #expect(badColour?.line == 4)
        #expect(badColour?.key == "muted")
        #expect(badColour?.description.hasPrefix("themes/t.toml:4: muted: expected a colour") == true)

        let outOfRange = error(Self.valid.replacingFirst("muted = 244", with: "muted = 300"))
        #expect(outOfRange?.line == 4 && outOfRange?.message.contains("0-255") == true)

        let unknown = error(Self.valid + "\nsparkle = \"#ffffff\"")
        #expect(unknown?.key == "sparkle" && unknown?.message.contains("unknown key") == true)

        let missing = error(Self.valid.replacingFirst("warn = \"#ffff00\"\n", with: ""))
        #expect(missing?.key == "warn" && missing?.message.hasPrefix("missing") == true)

        // TOMLKit refuses the second definition, on its own line.
        let twice = error(Self.valid + "\nok = \"#00ff00\"")
        #expect(twice?.key == "ok" && twice?.line == 16 && twice?.message.contains("redefine") == true)

        let section = error("[colours]\n" + Self.valid)
        #expect(section?.line == 1 && section?.message.contains("sections") == true)

        let unterminated = error(Self.valid.replacingFirst("title = \"#ffffff\"", with: "title = \"#ffffff"))
        #expect(unterminated?.key == "title" && unterminated?.line == 7
                && unterminated?.message.contains("closing double quote") == true)

        // An unclosed list runs to the end of the file, where TOMLKit notices.
        let openList = error(Self.valid.replacingFirst("  \"#ffffff\",\n]", with: "  \"#ffffff\","))
        #expect(openList?.line == 14 && openList?.message.contains("parsing array: encountered end-of-file") == true)

        let noEquals = error("background \"#000000\"\n")
        #expect(noEquals?.line == 1 && noEquals?.message.contains("expected '='") == true)

        let withoutGradient = String(Self.valid[..<(Self.valid.firstRange(of: "gradient")?.lowerBound ?? Self.valid.endIndex)])
        let emptyGradient = error(withoutGradient + "gradient = []")
        #expect(emptyGradient?.key == "gradient" && emptyGradient?.message.contains("non-empty list") == true)
    }

    @Test func userThemesAddToAndReplaceBuiltInOnes() {
        let catalog = ThemeCatalog(builtIn: ThemeCatalog.embeddedTexts,
                                   userFiles: [("/home/u/.config/sluice/themes/paper.toml", Self.valid),
                                               ("/home/u/.config/sluice/themes/mine.toml", Self.valid),
                                               ("/home/u/.config/sluice/themes/broken.toml", "oops")])
        #expect(catalog.theme(named: "paper")?.color(.background) == .rgb(0, 0, 0))
        #expect(catalog.theme(named: "mine") != nil)
        #expect(catalog.theme(named: "broken") == nil)
        #expect(catalog.errors.map(\.file) == ["/home/u/.config/sluice/themes/broken.toml"])
    }

    func brightness(_ color: ThemeColor) -> Double {
        guard case .rgb(let r, let g, let b) = color else { return 0.5 }
        return (0.299 * Double(r) + 0.587 * Double(g) + 0.114 * Double(b)) / 255
    }
}

extension String {
    func replacingFirst(_ old: String, with new: String) -> String {
        guard let range = firstRange(of: old) else { return self }
        return String(self[..<range.lowerBound]) + new + String(self[range.upperBound...])
    }
}
