import Foundation
import ResumeSyncCore
import ResumeSyncXML

/// libFuzzer's entry point: one input through parsing, extraction, alignment and checks, the
/// reports, the baseline, the text normalisers and merge, with their invariants checked.
///
/// Built for fuzzing by `scripts/fuzz.sh` (`--sanitize=fuzzer`, `-DRESUME_SYNC_FUZZING`, where
/// libFuzzer supplies `main`). A plain `swift build` gets the `main` below instead, which runs
/// the same round over the files named on its command line: that is how the regression test
/// replays saved crash inputs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzRound.run(bytes)
    return 0
}

#if !RESUME_SYNC_FUZZING
@main
enum FuzzReplay {
    /// Runs every file given as an argument through one round; a broken invariant traps.
    static func main() {
        XMLParserSetup.prepare()
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("resume-sync-fuzz: cannot read \(path)\n".utf8))
                exit(2)
            }
            FuzzRound.run([UInt8](data))
        }
    }
}
#endif

/// One fuzzing round. The input is one document, or two separated by the first NUL byte (the
/// zh and the en side: NUL cannot occur in XML, so the split costs the fuzzer nothing).
enum FuzzRound {
    static func run(_ bytes: [UInt8]) {
        let split = bytes.firstIndex(of: 0)
        let zh = Array(bytes[..<(split ?? bytes.count)])
        let en = split.map { Array(bytes[($0 + 1)...]) } ?? zh
        checkParser(zh)
        checkNormalisers(String(decoding: zh.prefix(4096), as: UTF8.self), String(decoding: en.prefix(4096), as: UTF8.self))
        // A leading tab picks the HTML reader for both sides.
        let name = zh.first == 0x09 ? "f.html" : "f.xml"
        checkReconciliation(zh: zh, en: en, file: name)
    }

    /// Spans lie inside the input, nest inside their parents, and diagnostics point into it.
    static func checkParser(_ bytes: [UInt8]) {
        check(Result { () throws(XMLParseFailure) in try XMLDocumentParser.parse(bytes) }, of: bytes)
        check(Result { () throws(XMLParseFailure) in try HTMLDocumentParser.parse(bytes) }, of: bytes)
    }

    static func check(_ result: Result<XMLDocumentTree, XMLParseFailure>, of bytes: [UInt8]) {
        switch result {
        case .success(let tree):
            if tree.spansAreExact { checkSpans(tree.root, within: ByteSpan(start: 0, end: bytes.count)) }
        case .failure(let error):
            precondition(!error.diagnostics.isEmpty, "a failed parse without a diagnostic")
            for diagnostic in error.diagnostics {
                precondition((0...bytes.count).contains(diagnostic.byteOffset), "diagnostic offset outside the input")
                precondition(!diagnostic.message.contains("\n"), "a diagnostic spans lines: \(diagnostic.message)")
            }
        }
    }

    static func checkSpans(_ element: XMLElement, within parent: ByteSpan) {
        precondition(element.span.start >= parent.start && element.span.end <= parent.end, "a span outside its parent")
        precondition(element.startTag.start == element.span.start && element.startTag.end <= element.span.end, "start tag outside the span")
        for child in element.childElements { checkSpans(child, within: element.span) }
    }

    /// Folding white space and the fingerprint form are idempotent; a word diff rebuilds both
    /// texts; widths are never negative; the tokenizer does not trap.
    static func checkNormalisers(_ old: String, _ new: String) {
        let collapsed = TextNormalizer.collapsingWhitespace(old)
        precondition(TextNormalizer.collapsingWhitespace(collapsed) == collapsed, "collapsing white space is not idempotent")
        let form = TextNormalizer.fingerprintForm(old)
        precondition(TextNormalizer.fingerprintForm(form) == form, "the fingerprint form is not idempotent")
        precondition(TextNormalizer.halfWidth(TextNormalizer.halfWidth(old)) == TextNormalizer.halfWidth(old), "halfWidth is not idempotent")
        precondition(DisplayWidth.columns(of: old) >= 0 && DisplayWidth.of(old) >= 0, "negative width")
        var before = ""
        var after = ""
        for piece in WordDiff.pieces(from: old, to: new) {
            switch piece {
            case .same(let text): before += text; after += text
            case .removed(let text): before += text
            case .added(let text): after += text
            }
        }
        precondition(before == old && after == new, "the word diff does not rebuild its texts")
        _ = NeutralTokenizer.tokens(in: old)
        _ = TokenComparison(source: old, target: new)
    }

    /// Aligns and checks the two sides; the reports render; the exit status agrees with the
    /// findings; `accept --all` gives a baseline that reads back the same and leaves nothing
    /// stale; merge plans, writes, and then has nothing left to do.
    static func checkReconciliation(zh: [UInt8], en: [UInt8], file name: String) {
        let file = RelativePath(name)
        let loader = TreeLoader(configuration: .default)
        func tree(_ bytes: [UInt8], root: String, side: TreeSide) -> LoadedTree {
            let spec = TreeSpec(root: root)
            var documents: [RelativePath: ParsedDocument] = [:]
            var failures: [RelativePath: [Finding]] = [:]
            switch loader.parse(bytes, file: file, displayPath: spec.displayPath(file), side: side) {
            case .success(let document): documents[file] = document
            case .failure(let problem): failures[file] = problem.findings
            }
            return LoadedTree(spec: spec, side: side, files: [file], documents: documents, failures: failures)
        }
        let source = tree(zh, root: "zh", side: .source)
        let target = tree(en, root: "en", side: .target)
        let reconciler = Reconciler()
        let result = reconciler.reconcile(source: source, target: target, baseline: nil)
        let broken = result.findings.contains { $0.rule.meansBrokenInput }
        let errors = result.findings.contains { $0.severity == .error }
        precondition(result.exitStatus == (broken ? 2 : errors ? 1 : 0), "the exit status disagrees with the findings")
        _ = DiagnosticsReport().render(result.findings)
        _ = DiagnosticsReport().summary(result)
        _ = JSONReport().render(result)
        _ = DiffReport(includeInSync: true).render(result)
        guard !broken, let accepted = try? Acceptance.accept([], all: true, in: result, baseline: nil).baseline else { return }
        let reread = try? Baseline(parsing: accepted.serialized())
        precondition(reread == accepted, "the baseline does not read back as written")
        let again = reconciler.reconcile(source: source, target: target, baseline: accepted)
        precondition(!again.findings.contains { $0.rule == .stale }, "stale right after accept --all")
        FuzzMerge.check(zh: zh, en: en, file: name, baseline: accepted)
    }
}

/// Merge on disk (it reads a project folder), in one scratch folder reused by every round.
enum FuzzMerge {
    nonisolated(unsafe) static var folder: URL?

    static func check(zh: [UInt8], en: [UInt8], file: String, baseline: Baseline) {
        // Memory-backed when there is /dev/shm: the merge fsyncs every file it writes.
        let scratch = FileManager.default.fileExists(atPath: "/dev/shm")
            ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        let root = folder ?? scratch.appendingPathComponent("resume-sync-fuzz-\(getpid())")
        folder = root
        try? FileManager.default.removeItem(at: root)
        // Nothing left behind, round after round or when a replay ends.
        defer { try? FileManager.default.removeItem(at: root) }
        for (side, bytes) in [("zh", zh), ("en", en)] {
            try? FileManager.default.createDirectory(at: root.appendingPathComponent(side), withIntermediateDirectories: true)
            try? Data(bytes).write(to: root.appendingPathComponent("\(side)/\(file)"))
        }
        try? Data(baseline.serialized().utf8).write(to: root.appendingPathComponent(Baseline.fileName))
        let workspace = Workspace(root: root.path)
        guard let input = try? MergeInput.load(workspace),
              let plan = try? MergePlanner(input: input, request: MergeRequest()).plan()
        else { return }
        guard !plan.changes.isEmpty, (try? MergeCommitter.commit(plan)) != nil,
              let second = try? MergeInput.load(workspace)
        else { return }
        guard let replan = try? MergePlanner(input: second, request: MergeRequest()).plan() else {
            preconditionFailure("merge wrote files that a second merge refuses")
        }
        precondition(replan.changes.isEmpty, "merge is not idempotent: a second run changes \(replan.changes.map(\.displayPath))")
    }
}
