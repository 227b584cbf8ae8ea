import Foundation
import Testing
@testable import ResumeSyncCore

/// `resume-sync.toml`: every key read, and every kind of mistake reported with its line.
@Suite struct ConfigurationLoaderTests {
    func load(_ text: String) throws(ConfigurationError) -> Configuration {
        try ConfigurationLoader.parse(Array(text.utf8), displayPath: "resume-sync.toml").configuration
    }

    /// The error a config text gives, as `line:column: message`.
    func error(_ text: String) -> String? {
        do {
            _ = try load(text)
            return nil
        } catch {
            guard let location = error.location else { return error.message }
            #expect(location.path == "resume-sync.toml")
            return "\(location.line):\(location.column): \(error.message)"
        }
    }

    @Test func anEmptyConfigIsTheDefault() throws {
        #expect(try load("") == Configuration.default)
        #expect(try load("# nothing but a comment\n\n[source]\n") == Configuration.default)
    }

    @Test func everyKeyIsRead() throws {
        let configuration = try load("""
            format = "android"
            direction = "both"

            [source]
            root = "res/values"
            language = "en"

            [target]
            root = "res/values-zh-rCN"

            [files]
            include = ["strings.xml", "docs/**/*.xml"]
            exclude = ["docs/draft/*"]

            [entries]
            id-attributes = ["name", "id"]
            prose-attributes = ["label"]
            ignored-attributes = ["tools:ignore"]
            neutral-elements = ["xliff:g", "code"]
            ignored-elements = ["script"]
            neutral-markers = ["translatable=false", "translate=no"]
            needs-translation = "tools:state=todo"

            [rules]
            orphan = "error"
            stale = "warning"
            mismatch-entity = "off"

            [glossary]
            "才云科技" = "Caicloud"
            "上海交通大学" = "Shanghai Jiao Tong University"
            """)
        #expect(configuration.format == .android)
        #expect(configuration.direction == .both)
        #expect(configuration.sourceRoot == "res/values")
        #expect(configuration.sourceLanguage == Language("en"))
        #expect(configuration.targetRoot == "res/values-zh-rCN")
        #expect(configuration.targetLanguage == Language("zh-CN"), "inferred from the Android folder name")
        #expect(configuration.files.include.map(\.text) == ["strings.xml", "docs/**/*.xml"])
        #expect(configuration.files.contains("docs/guide/a.xml"))
        #expect(!configuration.files.contains("docs/draft/a.xml"))
        #expect(!configuration.files.contains("colors.xml"))
        let profile = configuration.profile
        #expect(profile.idAttributes == ["name", "id"])
        #expect(profile.proseAttributes == ["label"])
        #expect(profile.ignoredAttributes == ["tools:ignore"])
        #expect(profile.neutralElements == ["xliff:g", "code"])
        #expect(profile.ignoredElements == ["script"])
        #expect(profile.neutralMarkers == [
            AttributeMarker(attribute: "translatable", value: "false"), AttributeMarker(attribute: "translate", value: "no"),
        ])
        #expect(profile.needsTranslation == AttributeMarker(attribute: "tools:state", value: "todo"))
        #expect(profile.needsTranslationNamespace?.prefix == "tools", "the tools: prefix keeps its namespace")
        #expect(profile.keyedFields == ["item": "quantity"], "what [entries] does not set stays the format's")
        #expect(configuration.severity(of: .orphan) == .error)
        #expect(configuration.severity(of: .stale) == .warning)
        #expect(configuration.severity(of: .mismatchEntity) == nil)
        #expect(configuration.severity(of: .missing) == .error)
        #expect(configuration.glossary == [
            GlossaryTerm(source: "才云科技", target: "Caicloud"),
            GlossaryTerm(source: "上海交通大学", target: "Shanghai Jiao Tong University"),
        ], "in the order the file lists them")
    }

    @Test func dottedKeysAndInlineTablesAreTheSameSettings() throws {
        let dotted = try load("source.root = \"a\"\ntarget = { root = \"b\", language = \"en\" }\n")
        #expect(dotted.sourceRoot == "a")
        #expect(dotted.targetRoot == "b")
        #expect(dotted.targetLanguage == Language("en"))
        #expect(error("target = { root = 1 }") == "1:19: 'target.root' must be a string, not an integer")
    }

    @Test func theFormatChoosesTheProfileAndTheDefaultFiles() throws {
        let docbook = try load("format = \"docbook\"")
        #expect(docbook.profile == .docbook)
        #expect(docbook.profile(for: RelativePath("page.html")) == .docbook, "a named format holds for every file")
        #expect(docbook.files.contains("book/chapter.xml"))
        #expect(!docbook.files.contains("index.html"))
        let auto = try load("")
        #expect(auto.profile(for: RelativePath("site/index.html")) == .html)
        #expect(auto.profile(for: RelativePath("site/page.xhtml")) == .html)
        #expect(auto.profile(for: RelativePath("work.xml")) == .xml)
        let overridden = try load("[entries]\nid-attributes = [\"key\"]")
        #expect(overridden.profile(for: RelativePath("a.htm")).idAttributes == ["key"], "[entries] applies to HTML files too")
    }

    // MARK: - Every kind of mistake, with its line

    @Test func unknownKeysAreErrorsAtTheirLine() {
        #expect(error("# config\nformt = \"xml\"\n") ==
            "2:1: unknown key 'formt' at the top level; did you mean 'format'? (known keys: format, direction, source, target, files, entries, rules, glossary)")
        #expect(error("[source]\nroot = \"zh\"\n  roots = \"x\"\n") ==
            "3:3: unknown key 'roots' in [source]; did you mean 'root'? (known keys: root, language)")
        #expect(error("[colours]\nred = 1\n") ==
            "1:1: unknown key 'colours' at the top level (known keys: format, direction, source, target, files, entries, rules, glossary)")
        #expect(error("[rules]\nmissing = \"error\"\nstail = \"off\"\n") ==
            "3:1: unknown rule 'stail' in [rules]; did you mean 'stale'?")
    }

    @Test func wrongTypesAreErrorsAtTheValue() {
        #expect(error("[files]\ninclude = \"*.xml\"\n") == "2:11: 'files.include' must be an array of strings, not a string")
        #expect(error("[files]\ninclude = [\n  \"*.xml\",\n  42,\n]\n") ==
            "4:3: 'files.include' must be an array of strings; element 2 is an integer")
        #expect(error("format = 3") == "1:10: 'format' must be a string, not an integer")
        #expect(error("source = \"zh\"") == "1:1: 'source' must be a table ([source]), not a string")
        #expect(error("[glossary]\n\"才云\" = [\"Caicloud\"]\n") == "2:10: the glossary term '才云' must map to a string, not an array")
        #expect(error("[rules]\nstale = false\n") ==
            "2:9: the severity of 'stale' must be a string: \"error\", \"warning\" or \"off\"; not a boolean")
    }

    @Test func valuesOutOfRangeAreErrorsAtTheValue() {
        #expect(error("format = \"yaml\"") ==
            "1:10: 'format' must be one of \"auto\", \"xml\", \"docbook\", \"android\", \"html\"; not \"yaml\"")
        #expect(error("direction = \"backwards\"") ==
            "1:13: 'direction' must be one of \"source-to-target\", \"both\"; not \"backwards\"")
        #expect(error("[rules]\nstale = \"fatal\"") == "2:9: the severity of 'stale' must be \"error\", \"warning\" or \"off\", not \"fatal\"")
        #expect(error("[rules]\nparse-error = \"off\"") == "2:1: 'parse-error' means the input is broken; its severity cannot be changed")
        #expect(error("[source]\nlanguage = \"Chinese!\"") ==
            "2:12: 'source.language' must be a language code such as \"zh\", \"zh-CN\" or \"en\", not \"Chinese!\"")
        #expect(error("[entries]\nneutral-markers = [\"translate=no\", \"translatable\"]") ==
            "2:36: 'translatable' in 'entries.neutral-markers' must be written attribute=value, e.g. \"translatable=false\"")
        #expect(error("[entries]\nid-attributes = []") == "2:17: 'entries.id-attributes' must name at least one attribute")
        #expect(error("[entries]\nneutral-elements = [\"a b\"]") == "2:21: 'a b' in 'entries.neutral-elements' is not an element name")
        #expect(error("[target]\nroot = \"zh/\"") == "2:8: the source and the target tree are both 'zh'; they must be two folders")
    }

    @Test func badPatternsPointAtTheCharacterAtFault() {
        #expect(error("[files]\ninclude = [\"docs/*.xml\", \"docs/[a-z.xml\"]\n") ==
            "2:32: bad pattern 'docs/[a-z.xml' in 'files.include': the pattern has a '[' that is never closed")
        #expect(error("[files]\nexclude = [\"a**/b\"]") ==
            "2:14: bad pattern 'a**/b' in 'files.exclude': '**' must be a whole path segment (write 'a/**/b', or '*' within a name)")
        #expect(error("[files]\nexclude = [\"../other/*.xml\"]") ==
            "2:13: bad pattern '../other/*.xml' in 'files.exclude': the pattern leaves the tree with '..'")
        #expect(error("[files]\ninclude = [\"{a,b\"]") ==
            "2:13: bad pattern '{a,b' in 'files.include': the pattern has a '{' that is never closed")
        #expect(error("[files]\ninclude = []") == "2:11: 'files.include' must have at least one pattern")
    }

    @Test func syntaxErrorsHaveTOMLKitsPosition() {
        let message = error("[source]\nroot = \"zh\nlanguage = \"zh\"\n")
        #expect(message?.hasPrefix("2:") == true, "\(message ?? "")")
        #expect(message?.contains("TOML syntax:") == true)
        let duplicate = error("format = \"xml\"\nformat = \"html\"\n")
        #expect(duplicate?.hasPrefix("2:") == true, "\(duplicate ?? "")")
    }

    @Test func theFirstProblemInTheFileIsReported() {
        #expect(error("format = \"yaml\"\n[rules]\nstail = \"off\"\n")?.hasPrefix("1:10:") == true)
    }

    @Test func notUTF8IsAnErrorAtTheByte() {
        var bytes = Array("format = \"xml\"\n# caf".utf8)
        bytes.append(0xE9)
        do {
            _ = try ConfigurationLoader.parse(bytes, displayPath: "resume-sync.toml")
            Issue.record("accepted Latin-1")
        } catch {
            #expect(error.message == "the config is not UTF-8")
            #expect(error.location?.line == 2)
            #expect(error.location?.column == 6)
        }
    }

    // MARK: - Trees

    @Test func aMissingTreeIsReportedAtItsRootKey() throws {
        let folder = try Self.project(config: "[source]\nroot = \"zh\"\n\n[target]\n  root = \"english\"\n", trees: ["zh"])
        do {
            _ = try Workspace.load(root: folder.path)
            Issue.record("loaded a workspace whose target tree is missing")
        } catch {
            #expect(error.message == "the target tree '\(folder.path)/english' does not exist")
            #expect(error.location?.path == "\(folder.path)/resume-sync.toml")
            #expect(error.location?.line == 5)
            #expect(error.location?.column == 10)
            #expect(error.description.hasSuffix("[config-error]"))
        }
        // Trees given on the command line win, and the configured one need not exist.
        let given = try Workspace.load(root: folder.path, sourcePath: "\(folder.path)/zh", targetPath: "\(folder.path)/zh")
        #expect(given.target.root == "\(folder.path)/zh")
    }

    @Test func aMissingDefaultTreeSaysWhichKeyToSet() throws {
        let folder = try Self.project(config: "format = \"xml\"\n", trees: ["zh"])
        do {
            _ = try Workspace.load(root: folder.path)
            Issue.record("loaded a workspace whose target tree is missing")
        } catch {
            #expect(error.message == "the target tree '\(folder.path)/en' does not exist; set `root` in [target]")
            #expect(error.location?.line == 1)
        }
    }

    @Test func discoveryFindsTheRootConfigAndAnExplicitOneWins() throws {
        let folder = try Self.project(config: "[target]\nroot = \"en\"\nlanguage = \"en-GB\"\n", trees: ["zh", "en"])
        #expect(try Workspace.load(root: folder.path).target.language == Language("en-GB"))
        let other = folder.appendingPathComponent("other.toml")
        try Data("[source]\nroot = \"en\"\n[target]\nroot = \"zh\"\n".utf8).write(to: other)
        let explicit = try Workspace.load(root: folder.path, configPath: other.path)
        #expect(explicit.source.root == "\(folder.path)/en", "roots are relative to the project root")
        do {
            _ = try Workspace.load(root: folder.path, configPath: folder.appendingPathComponent("none.toml").path)
            Issue.record("accepted a config file that does not exist")
        } catch {
            #expect(error.location == nil)
            #expect(error.message.hasSuffix("none.toml' does not exist"))
        }
        let bare = try Self.project(config: nil, trees: ["zh", "en"])
        #expect(try Workspace.load(root: bare.path).configuration == .default)
    }

    // MARK: - The template `init` writes

    @Test func theTemplateIsTheDefaultAndEveryLineOfItLoads() throws {
        let text = ConfigurationTemplate().text
        #expect(try load(text) == Configuration.default)
        // Uncomment every setting: the values written are the defaults, so the result is the
        // default config (plus the glossary's example term).
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("# ") && line.contains(" = ") && !line.dropFirst(2).hasPrefix(" ") && line.dropFirst(2).first.map { $0.isLowercase || $0 == "\"" } == true
                ? String(line.dropFirst(2)) : String(line)
        }.joined(separator: "\n")
        var expected = Configuration.default
        expected.sourceLanguage = Language("zh")
        expected.targetLanguage = Language("en")
        expected.glossary = [GlossaryTerm(source: "上海交通大学", target: "Shanghai Jiao Tong University")]
        for rule in Rule.all where !rule.meansBrokenInput { expected.severities[rule.id] = .some(rule.defaultSeverity) }
        expected.profileOverrides = ProfileOverrides(
            idAttributes: ["id", "xml:id"], proseAttributes: ["alt", "title"], ignoredAttributes: ["lang", "xml:lang"],
            neutralElements: ["code"], ignoredElements: [], neutralMarkers: [AttributeMarker(attribute: "translate", value: "no")],
            needsTranslation: AttributeMarker(attribute: "state", value: "needs-translation"))
        let loaded = try load(uncommented)
        #expect(loaded == expected)
        #expect(loaded.profile == FormatProfile.xml)
        for rule in Rule.all where !rule.meansBrokenInput {
            #expect(text.contains("# \(rule.id) = \"\(rule.defaultSeverity.rawValue)\""), "every rule is listed: \(rule.id)")
        }
    }

    @Test func theTemplateWritesInitsChoicesAsLiveSettings() throws {
        let text = ConfigurationTemplate(
            format: .android, sourceRoot: "app/src/main/res/values", targetRoot: "app/src/main/res/values-zh-rCN").text
        #expect(text.contains("\nformat = \"android\"\n"))
        #expect(text.contains("# id-attributes = [\"name\"]"), "the commented defaults are the format's")
        let configuration = try load(text)
        #expect(configuration.format == .android)
        #expect(configuration.sourceRoot == "app/src/main/res/values")
        #expect(configuration.targetLanguage == Language("zh-CN"))
        #expect(configuration.profile == .android)
    }

    /// A temporary project folder with a config and empty tree folders.
    static func project(config: String?, trees: [String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("resume-sync-config-\(UUID().uuidString)")
        for tree in trees {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(tree), withIntermediateDirectories: true)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let config { try Data(config.utf8).write(to: folder.appendingPathComponent("resume-sync.toml")) }
        return folder
    }
}
