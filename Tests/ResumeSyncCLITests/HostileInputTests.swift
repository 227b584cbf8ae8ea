import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Hostile and broken XML (DESIGN §9): every case gets a clear message with its file, line and
/// column, exit status 2, and not one byte written by any command; the cases that must work
/// (a byte order mark, CRLF line ends) work, with the columns right.
@Suite struct HostileInputTests {
    @Test func billionLaughsIsRefusedWhereTheBombIsReferenced() throws {
        let bomb = Hostile.laughs(levels: 10)
        for (name, body) in [("text", "<title>&a10;</title>"), ("attribute", "<title alt=\"&a10;\">x</title>")] {
            let folder = try Sandbox.resume()
            try folder.write("zh/work.xml", Hostile.declaration + bomb + "<section id=\"work\">" + body + "</section>\n")
            // Line 3 is the document; the column is just past the reference.
            let column = name == "text" ? 32 : 37
            try Hostile.expectRefused(in: folder, at: "zh/work.xml:3:\(column)", saying: "entity references expand too much")
        }
    }

    @Test func quadraticBlowupIsNeverExpandedSoItCostsOnlyItsOwnSize() throws {
        // 50,000 references to a 10,000-byte entity: 500 MB if expanded, 150 kB as tokens.
        let entity = String(repeating: "x", count: 10_000)
        let references = String(repeating: "&b;", count: 50_000)
        let folder = try Sandbox.resume()
        for side in ["zh", "en"] {
            try folder.write("\(side)/work.xml", Hostile.declaration + "<!DOCTYPE section [<!ENTITY b \"\(entity)\">]>\n"
                + "<section id=\"work\"><title alt=\"\(references)\">\(references)</title></section>\n")
        }
        let check = try Hostile.run(["check"], in: folder)
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("work.xml#work"))
        #expect(try Hostile.run(["accept", "--all"], in: folder).status == 0)
        let lock = try folder.read("resume-sync.lock")
        #expect(lock.contains("&b;&b;"))
        #expect(!lock.contains(entity), "the entity was expanded into the lock")
        #expect(lock.utf8.count < 2_000_000)
        #expect(try Hostile.run(["check"], in: folder).status == 0)
    }

    @Test func tenThousandDeepNestingIsRefused() throws {
        let folder = try Sandbox.resume()
        let deep = String(repeating: "<a>", count: 10_000) + "x" + String(repeating: "</a>", count: 10_000)
        try folder.write("en/work.xml", Hostile.declaration + "<section id=\"work\">\n" + deep + "\n</section>\n")
        // The 257th `<a>` starts at column 4 * 256 + 1 of line 3; libxml2 stops at its end.
        try Hostile.expectRefused(in: folder, at: "en/work.xml:3:769", saying: "elements are nested more than 256 levels deep")
    }

    @Test func deepHTMLIsRefusedLikeDeepXML() throws {
        // resume-sync's own HTML reader has no libxml2 behind it: it keeps the same limit, so
        // that 100,000 unclosed <div>s neither overflow the stack nor take quadratic time.
        let folder = try Sandbox.resume()
        try folder.write("zh/page.html", "<!DOCTYPE html>\n<html>\n<body>\n" + String(repeating: "<div>", count: 100_000) + "x")
        try folder.write("en/page.html", "<!DOCTYPE html>\n<p id=\"a\">x</p>\n")
        // <html> and <body> are two levels; the 255th <div> opens level 257.
        try Hostile.expectRefused(in: folder, at: "zh/page.html:4:1271", saying: "elements are nested more than 256 levels deep")
    }

    @Test func fiftyMegabyteTextIsRefusedWithTheLimitNamed() throws {
        let folder = try Sandbox.resume()
        var bytes = Array((Hostile.declaration + "<section id=\"work\">\n  <title>").utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 50 * 1024 * 1024)
        bytes += Array("</title>\n</section>\n".utf8)
        try Data(bytes).write(to: folder.appendingPathComponent("zh/work.xml"))
        try Hostile.expectRefused(
            in: folder, at: "zh/work.xml:3:10", saying: "the text in <title> is longer than 10,000,000 bytes, libxml2's limit",
            commands: [["check"], ["accept", "--all"], ["merge"]], seconds: 240)
    }

    @Test func longChineseTextStopsLibxml2ItselfAndGetsTheSameMessage() throws {
        // Non-ASCII text reaches libxml2's tree builder in pieces, where libxml2 applies the
        // limit itself; the message must not be its "xmlSAX2Characters: huge text node".
        let folder = try Sandbox.resume()
        let text = String(repeating: "中", count: 3_500_000)
        try folder.write("en/work.xml", Hostile.declaration + "<section id=\"work\">\n  <title>" + text + "</title>\n</section>\n")
        let result = try Hostile.run(["check"], in: folder, seconds: 120)
        #expect(result.status == 2)
        #expect(result.stdout.contains("en/work.xml:3:"))
        #expect(result.stdout.contains("a text is longer than 10,000,000 bytes, libxml2's limit"), "\(result.stdout)")
        #expect(!result.stdout.contains("xmlSAX2Characters"))
    }

    @Test func invalidUTF8IsRefusedAtTheByteOnOneLine() throws {
        let folder = try Sandbox.resume()
        try Hostile.editBytes(folder, "zh/work.xml", replacing: Array("才云科技".utf8), with: [0xE6, 0x89])
        try Hostile.expectRefused(in: folder, at: "zh/work.xml:5:10", saying: "the file is not valid UTF-8 here (0xE6 0x89 0x3C 0x2F)")
        let check = try Hostile.run(["check"], in: folder)
        #expect(check.stdoutLines.allSatisfy { $0.hasSuffix("]") }, "a message spilled over lines: \(check.stdout)")
    }

    @Test func aUTF8ByteOrderMarkWorksAndKeepsColumns() throws {
        let folder = try Sandbox.resume()
        for side in ["zh", "en"] {
            var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
            bytes += try Data(contentsOf: folder.appendingPathComponent("\(side)/work.xml"))
            try Data(bytes).write(to: folder.appendingPathComponent("\(side)/work.xml"))
        }
        #expect(try Hostile.run(["check"], in: folder).status == 0)
        try folder.edit("en/work.xml", replacing: "    <item id=\"caicloud-tech-lead-trends\">Track industry trends and explore more advanced features</item>\n", with: "")
        let check = try Hostile.run(["check"], in: folder)
        #expect(check.status == 1)
        #expect(check.stdoutLines.first == "zh/work.xml:10:5: error: work.xml#caicloud-tech-lead-trends is missing from en [missing]")
        let merge = try Hostile.run(["merge"], in: folder)
        #expect(merge.status == 0, "\(merge.stderr)")
        let merged = try Data(contentsOf: folder.appendingPathComponent("en/work.xml"))
        #expect(Array(merged.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: merged, as: UTF8.self).contains("<item id=\"caicloud-tech-lead-trends\" state=\"needs-translation\">"))
    }

    @Test(arguments: [("UTF-16", "UTF-16 (little-endian)"), ("UTF-16BE", "UTF-16 (big-endian)"), ("UTF-16LE", "UTF-16 (little-endian)")])
    func utf16IsRefusedByName(encoding: String, described: String) throws {
        let folder = try Sandbox.resume()
        let text = try folder.read("zh/work.xml")
        let data = try #require(text.data(using: encoding == "UTF-16" ? .utf16LittleEndian : encoding == "UTF-16BE" ? .utf16BigEndian : .utf16LittleEndian))
        // "UTF-16" with a byte order mark; the others without one.
        let bom: [UInt8] = encoding == "UTF-16" ? [0xFF, 0xFE] : []
        try Data(bom + [UInt8](data)).write(to: folder.appendingPathComponent("zh/work.xml"))
        try Hostile.expectRefused(in: folder, at: "zh/work.xml:1:1", saying: "the file is \(described); resume-sync reads UTF-8 files only")
    }

    @Test func anotherDeclaredEncodingIsRefusedByName() throws {
        let folder = try Sandbox.resume()
        try folder.edit("en/work.xml", replacing: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"")
        try Hostile.expectRefused(in: folder, at: "en/work.xml:1:1", saying: "the file declares encoding=\"ISO-8859-1\"; resume-sync reads UTF-8 files only")
    }

    @Test func crlfWorksWithTheSameLinesAndColumnsAsLF() throws {
        let folder = try Sandbox.resume()
        for side in ["zh", "en"] {
            try folder.write("\(side)/work.xml", try folder.read("\(side)/work.xml").replacingOccurrences(of: "\n", with: "\r\n"))
        }
        #expect(try Hostile.run(["check"], in: folder).status == 0)
        try folder.edit("en/work.xml", replacing: "    <item id=\"caicloud-tech-lead-trends\">Track industry trends and explore more advanced features</item>\r\n", with: "")
        let check = try Hostile.run(["check"], in: folder)
        #expect(check.stdoutLines.first == "zh/work.xml:10:5: error: work.xml#caicloud-tech-lead-trends is missing from en [missing]")
        #expect(try Hostile.run(["merge"], in: folder).status == 0)
        let merged = try folder.read("en/work.xml")
        #expect(merged.contains("<item id=\"caicloud-tech-lead-trends\" state=\"needs-translation\">"))
        #expect(!merged.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "the merge wrote a bare LF into a CRLF file")
        // A parse error after Chinese text: two columns a character, CRLF or not.
        try folder.edit("zh/work.xml", replacing: "<org>才云科技</org>\r\n    <place>中国上海</place>\r\n    <role>Technical Lead", with: "<org>才云科技</orx>\r\n    <place>中国上海</place>\r\n    <role>Technical Lead")
        try Hostile.expectRefused(in: folder, at: "zh/work.xml:5:24", saying: "Opening and ending tag mismatch: org line 5 and orx")
        try folder.write("zh/work.xml", try folder.read("zh/work.xml").replacingOccurrences(of: "\r\n", with: "\n"))
        #expect(try Hostile.run(["check"], in: folder).stdoutLines.first?.hasPrefix("zh/work.xml:5:24: error: Opening and ending tag mismatch") == true)
    }

    @Test func nulBytesAreRefusedWhereTheyAre() throws {
        let folder = try Sandbox.resume()
        try Hostile.editBytes(folder, "zh/work.xml", replacing: Array("Technical Lead".utf8), with: Array("Techni".utf8) + [0] + Array("cal Lead".utf8))
        try Hostile.expectRefused(in: folder, at: "zh/work.xml:7:17", saying: "the file contains a NUL byte (0x00), which XML does not allow")
    }

    @Test func externalEntitiesAndDTDsAreNeverReadNorFetched() throws {
        let listener = try ConnectionRecorder()
        let folder = try Sandbox.resume()
        let secret = folder.appendingPathComponent("secret.txt")
        try Data("TOP-SECRET-CONTENT".utf8).write(to: secret)
        let web = "http://127.0.0.1:\(listener.port)"
        let doctype = "<!DOCTYPE section SYSTEM \"\(web)/resume.dtd\" [\n"
            + "  <!ENTITY passwd SYSTEM \"file:///etc/passwd\">\n"
            + "  <!ENTITY secret SYSTEM \"file://\(secret.path)\">\n"
            + "  <!ENTITY remote SYSTEM \"\(web)/entity\">\n"
            + "  <!ENTITY % parameter SYSTEM \"\(web)/parameter.dtd\"> %parameter;\n]>\n"
            + "<?xml-stylesheet href=\"\(web)/style.xsl\"?>\n"
        for side in ["zh", "en"] {
            try folder.edit("\(side)/work.xml", replacing: "<section id=\"work\">", with: doctype + "<section id=\"work\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">")
            try folder.edit("\(side)/work.xml", replacing: "<role>Technical Lead</role>",
                            with: "<role>Technical Lead &passwd;&secret;&remote;<xi:include href=\"\(web)/include.xml\"/></role>")
        }
        // Both sides changed the role, so the pair is first stale; accept confirms it.
        #expect(try Hostile.run(["check"], in: folder).status == 1)
        var outputs = ""
        for arguments in [["accept", "--all"], ["check"], ["diff", "--all"], ["todo"], ["merge", "--dry-run"], ["merge"]] {
            let result = try Hostile.run(arguments, in: folder)
            #expect(result.status == 0, "\(arguments): \(result.stdout)\(result.stderr)")
            outputs += result.stdout + result.stderr
        }
        outputs += try folder.read("resume-sync.lock") + folder.read("en/work.xml")
        #expect(outputs.contains("&secret;"))
        #expect(!outputs.contains("TOP-SECRET-CONTENT"))
        #expect(!outputs.contains("root:x:0:0"))
        #expect(listener.connections() == 0, "resume-sync connected to \(web)")
        // The recorder does see a connection when there is one.
        try listener.connectOnce()
        #expect(listener.connections() == 1)
    }

    @Test func anExternalEntityInAnAttributeIsRefused() throws {
        let listener = try ConnectionRecorder()
        let folder = try Sandbox.resume()
        try folder.edit("zh/work.xml", replacing: "<section id=\"work\">",
                        with: "<!DOCTYPE section [<!ENTITY remote SYSTEM \"http://127.0.0.1:\(listener.port)/x\">]>\n<section id=\"work\" title=\"&remote;\">")
        try Hostile.expectRefused(in: folder, at: "zh/work.xml:3:35", saying: "Attribute references external entity 'remote'")
        #expect(listener.connections() == 0)
    }
}

/// Helpers of the hostile-input suites: bounded runs, folder snapshots, refusal checks.
enum Hostile {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    /// Every command that reads the trees, and every one that could write.
    static let everyCommand = [
        ["check"], ["check", "--format", "json"], ["diff"], ["accept", "work.xml#caicloud-tech-lead"],
        ["accept", "--all"], ["merge"], ["merge", "--dry-run"],
    ]

    /// A DOCTYPE declaring `a0` … `aN`, each ten references to the one before.
    static func laughs(levels: Int) -> String {
        var doctype = "<!DOCTYPE section [<!ENTITY a0 \"lol\">"
        for level in 1...levels {
            doctype += "<!ENTITY a\(level) \"\(String(repeating: "&a\(level - 1);", count: 10))\">"
        }
        return doctype + "]>\n"
    }

    /// Runs every command in `commands`: each must exit 2, say `message` at `location`, and
    /// leave every byte of the project as it was (no file changed, added or removed).
    static func expectRefused(
        in folder: URL, at location: String, saying message: String,
        commands: [[String]] = everyCommand, seconds: Double = 60,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let before = try FolderSnapshot(folder)
        for arguments in commands {
            let result = try run(arguments, in: folder, seconds: seconds)
            var output = result.stdout + result.stderr
            if arguments.contains("json"), !result.stdout.isEmpty { output = try gccStyle(json: result.stdout) }
            #expect(result.status == 2, "\(arguments) exited \(result.status): \(output)", sourceLocation: sourceLocation)
            #expect(output.contains(location + ":"), "\(arguments) did not name \(location): \(output)", sourceLocation: sourceLocation)
            #expect(output.contains(message), "\(arguments) did not say '\(message)': \(output)", sourceLocation: sourceLocation)
            #expect(try FolderSnapshot(folder) == before, "\(arguments) wrote something", sourceLocation: sourceLocation)
        }
    }

    /// The findings of `check --format json` as `path:line:col: message` lines, so that they
    /// are held to the same locations and messages as the text output. A run stopped before
    /// any finding (a broken config) prints its diagnostic as text, which is kept as it is.
    static func gccStyle(json: String) throws -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return json }
        let findings = object["findings"] as? [[String: Any]] ?? []
        return findings.map { finding in
            let message = finding["message"] as? String ?? ""
            let side = (finding["target"] ?? finding["source"]) as? [String: Any] ?? [:]
            return "\(side["path"] ?? "?"):\(side["line"] ?? "?"):\(side["column"] ?? "?"): \(message)"
        }.joined(separator: "\n")
    }

    /// Runs the built `resume-sync` with a time limit and 1 GiB of address space: a hang fails
    /// the test instead of stalling it, and a memory blow-up dies instead of filling the machine.
    static func run(_ arguments: [String], in folder: URL, seconds: Double = 60) throws -> CommandResult {
        try BoundedCommand.run(arguments, in: folder, seconds: seconds, addressSpaceKiB: 1_048_576)
    }

    static func editBytes(_ folder: URL, _ relative: String, replacing old: [UInt8], with new: [UInt8]) throws {
        let url = folder.appendingPathComponent(relative)
        let bytes = [UInt8](try Data(contentsOf: url))
        guard let start = (0...(bytes.count - old.count)).first(where: { Array(bytes[$0..<$0 + old.count]) == old }) else {
            throw EditError(message: "the bytes to replace are not in \(relative)")
        }
        try Data(bytes[..<start] + new + bytes[(start + old.count)...]).write(to: url)
    }
}
