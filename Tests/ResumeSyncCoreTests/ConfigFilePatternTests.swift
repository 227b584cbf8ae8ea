import Testing
@testable import ResumeSyncCore

/// The `[files]` patterns: what they match, and what is refused.
@Suite struct ConfigFilePatternTests {
    func matches(_ pattern: String, _ path: String) throws -> Bool {
        try GlobPattern(pattern).matches(path)
    }

    @Test func aNameWithoutSlashMatchesAtAnyDepth() throws {
        #expect(try matches("strings.xml", "strings.xml"))
        #expect(try matches("strings.xml", "a/b/strings.xml"))
        #expect(try !matches("strings.xml", "strings.xml.bak"))
        #expect(try matches("*.xml", "docs/intro.xml"))
        #expect(try !matches("/strings.xml", "a/strings.xml"), "a leading / anchors to the root")
        #expect(try matches("/strings.xml", "strings.xml"))
    }

    @Test func aPathWithSlashMatchesTheWholePath() throws {
        #expect(try matches("docs/*.xml", "docs/a.xml"))
        #expect(try !matches("docs/*.xml", "docs/sub/a.xml"), "* stays within one folder")
        #expect(try !matches("docs/*.xml", "other/docs/a.xml"))
        #expect(try matches("docs/**/*.xml", "docs/a.xml"), "**/ is zero or more folders")
        #expect(try matches("docs/**/*.xml", "docs/x/y/a.xml"))
        #expect(try matches("**/*.xml", "a.xml"))
        #expect(try matches("docs/**", "docs/x/y/a.xml"))
        #expect(try !matches("docs/**", "docsx/a.xml"))
    }

    @Test func setsAlternativesAndEscapes() throws {
        #expect(try matches("page-[0-9].html", "page-7.html"))
        #expect(try !matches("page-[!0-9].html", "page-7.html"))
        #expect(try matches("page-[!0-9].html", "page-x.html"))
        #expect(try matches("*.{html,htm}", "a/index.htm"))
        #expect(try !matches("*.{html,htm}", "a/index.xml"))
        #expect(try matches("{docs,guide}/{a,b}.xml", "guide/b.xml"))
        #expect(try matches("?.xml", "a.xml"))
        #expect(try !matches("?.xml", "ab.xml"))
        #expect(try matches("\\*.xml", "*.xml"))
        #expect(try !matches("\\*.xml", "a.xml"))
        #expect(try matches("[{]x[}].xml", "{x}.xml"), "a brace inside a set is a member")
    }

    @Test func badPatternsSayWhy() {
        func failure(_ text: String) -> GlobPatternError? {
            do {
                _ = try GlobPattern(text)
                return nil
            } catch {
                return error
            }
        }
        #expect(failure("") == GlobPatternError(message: "the pattern is empty", offset: 0))
        #expect(failure("a/[bc") == GlobPatternError(message: "the pattern has a '[' that is never closed", offset: 2))
        #expect(failure("a]") == GlobPatternError(message: "the pattern has a ']' that no '[' opens", offset: 1))
        #expect(failure("x{a,b") == GlobPatternError(message: "the pattern has a '{' that is never closed", offset: 1))
        #expect(failure("a}") == GlobPatternError(message: "the pattern has a '}' that no '{' opens", offset: 1))
        #expect(failure("a\\") == GlobPatternError(message: "the pattern ends with a lone '\\'", offset: 1))
        #expect(failure("[]") == GlobPatternError(message: "the pattern has a '[' that is never closed", offset: 0))
        #expect(failure("[z-a]") == GlobPatternError(message: "the range 'z-a' runs backwards", offset: 0))
        #expect(failure("a/../b")?.message == "the pattern leaves the tree with '..'")
        #expect(failure("/")?.message == "the pattern '/' names no files")
    }

    @Test func theExtensionSelectionIgnoresCase() {
        let selection = FileSelection(extensions: ["xml"])
        #expect(selection.contains("work.xml"))
        #expect(selection.contains("deep/WORK.XML"))
        #expect(!selection.contains("work.html"))
    }

    /// Patterns of the shape `**/*TAIL` (every list of extensions) are matched by the end of the
    /// path alone; they must match what the general matcher matches, as must every other shape.
    @Test func theNameShortcutMatchesWhatTheMatcherMatches() throws {
        let patterns = ["**/*.xml", "*.[xX][mM][lL]", "**/*.{xml,html}", "*.x?l", "**/[!a]*.xml", "a/**/*.xml", "*.md",
                        "docs/*.md", "**/*", "*", "/top.xml", "**/a?.x", "*.[!x]ml", "**/*/x.xml", "*x", "**/*.[a-c]"]
        let pieces = ["a", "x", "X", "m", "M", "l", "L", ".", "/", "xml", ".xml", ".XmL", "docs", "top", "é", "e\u{301}", "-", " "]
        var generator = SystemRandomNumberGenerator()
        var matched = 0
        for text in patterns {
            let pattern = try GlobPattern(text)
            for _ in 0..<400 {
                let path = (0..<Int.random(in: 0...7, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
                let expected = pattern.matchesByTokens(path)
                #expect(pattern.matches(path) == expected, "\(text) against \(path.debugDescription)")
                if expected { matched += 1 }
            }
        }
        #expect(matched > 300)
        #expect(FileSelection(extensions: ["xml"]).contains("part000/file00001.XML"))
        #expect(!FileSelection(extensions: ["xml"]).contains("part000/file00001.xml/notes"))
    }
}
