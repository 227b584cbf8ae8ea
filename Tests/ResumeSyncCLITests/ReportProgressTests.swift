import Foundation
import Testing

/// The progress bar of long runs: on standard error when it is a terminal, nothing otherwise,
/// never on standard output.
@Suite struct ReportProgressTests {
    /// Trees big enough for the bar (60 files a side, past the 100-file threshold).
    static func bigTrees() throws -> URL {
        let folder = try Sandbox.emptyFolder()
        for index in 0..<60 {
            try folder.write("zh/part-\(index).xml", "<section id=\"s\"><title>第 \(index) 部分</title><item id=\"a\">内容</item></section>\n")
            try folder.write("en/part-\(index).xml", "<section id=\"s\"><title>Part \(index)</title><item id=\"a\">Content</item></section>\n")
        }
        return folder
    }

    @Test func nothingOnStandardErrorWhenItIsNotATerminal() throws {
        let folder = try Self.bigTrees()
        for arguments in [["todo"], ["status"], ["diff"], ["todo", "--output", "todo.md"]] {
            let result = try ResumeSyncCommand.run(arguments, in: folder)
            #expect(!result.stderr.contains("\r") && !result.stderr.contains("reading"), "\(arguments): \(result.stderr)")
            #expect(!result.stdout.contains("\r") && !result.stdout.contains("resume-sync: reading"), "\(arguments)")
            if arguments == ["todo"] || arguments == ["diff"] { #expect(result.stderr.isEmpty, "\(result.stderr)") }
        }
    }

    /// Under a terminal (a pseudo-terminal from util-linux's `script`) the bar is drawn on
    /// standard error and erased, and standard output is what it is without a terminal.
    @Test func aBarOnStandardErrorWhenItIsATerminal() throws {
        guard let script = Browser.find("script") else {
            #expect(!Browser.required, "util-linux's script is missing under CI")
            return
        }
        let folder = try Self.bigTrees()
        let plain = try ResumeSyncCommand.run(["todo"], in: folder)
        let command = "cd '\(folder.path)' && exec '\(ResumeSyncCommand.executable.path)' todo > todo.md"
        let terminal = try Browser.run(script, ["-qec", command, "/dev/null"])
        // `todo` reads, checks and plans one file pair at a time: one phase, counted in files.
        #expect(terminal.contains("resume-sync: checking"), "\(terminal.debugDescription)")
        #expect(terminal.contains("120/120 files"), "\(terminal.debugDescription)")
        #expect(terminal.contains("\r\u{1B}[K"), "the bar is erased")
        #expect(try folder.read("todo.md") == plain.stdout, "standard output is the same with a terminal")
    }

    @Test func noBarForSmallTreesEvenOnATerminal() throws {
        guard let script = Browser.find("script") else { return }
        let folder = try Sandbox.fixture("reports-every-rule")
        let command = "cd '\(folder.path)' && exec '\(ResumeSyncCommand.executable.path)' todo > todo.md"
        let terminal = try Browser.run(script, ["-qec", command, "/dev/null"])
        #expect(!terminal.contains("reading"), "\(terminal.debugDescription)")
    }
}
