import Foundation
import ResumeSyncXML

/// A problem that stops a run before any finding can be made (exit status 2).
public struct InvocationError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Which side of the pair a tree is.
public enum TreeSide: String, Hashable, Sendable {
    case source
    case target
}

/// One tree, read and parsed: the documents that parsed and the findings for those that did not.
public struct LoadedTree: Sendable {
    public var spec: TreeSpec
    public var side: TreeSide
    /// Every content file found, sorted by path.
    public var files: [RelativePath]
    public var documents: [RelativePath: ParsedDocument]
    /// `parse-error` findings, by file.
    public var failures: [RelativePath: [Finding]]

    public init(
        spec: TreeSpec, side: TreeSide, files: [RelativePath],
        documents: [RelativePath: ParsedDocument], failures: [RelativePath: [Finding]]
    ) {
        self.spec = spec
        self.side = side
        self.files = files
        self.documents = documents
        self.failures = failures
    }
}

/// Reads a tree folder: finds its content files and parses each with its format profile.
public struct TreeLoader: Sendable {
    public var profile: FormatProfile
    /// The profile of `.html`, `.htm` and `.xhtml` files, when it is not `profile` (a config
    /// without `format` reads them as HTML and everything else with `profile`).
    public var htmlProfile: FormatProfile?
    /// Which files below the tree root are content.
    public var selection: FileSelection
    /// Where the files are read: the work tree, or git's index (`check --staged`).
    public var source: TreeFileSource = .disk
    /// Whether each document keeps its XML tree. Only `merge` edits by the tree; the checks
    /// and reports read entries, and without the trees the documents of a big project take a
    /// fraction of the memory (a kept document's tree is its root element alone).
    public var keepsTrees = true

    /// One profile for every file, and the files with these extensions.
    public init(profile: FormatProfile, extensions: Set<String> = ["xml"]) {
        self.profile = profile
        self.htmlProfile = nil
        self.selection = FileSelection(extensions: extensions)
    }

    /// The profiles and the file patterns a project's configuration gives.
    public init(configuration: Configuration) {
        self.profile = configuration.profile
        self.htmlProfile = configuration.format == .auto
            ? FormatProfile.html.applying(configuration.profileOverrides) : nil
        self.selection = configuration.files
    }

    /// The profile a file is read with.
    public func profile(for file: RelativePath) -> FormatProfile {
        if let htmlProfile, DocumentSyntax.isHTMLFamily(file) { return htmlProfile }
        return profile
    }

    public func load(_ spec: TreeSpec, side: TreeSide) throws(InvocationError) -> LoadedTree {
        try loadTrees([(spec, side)])[0]
    }

    /// Reads and parses every file of the given trees, spread over all cores, and returns the
    /// trees in the order asked. `progress` is told the number of files read so far out of all
    /// of them (never from two threads at once) as each file is done.
    public func loadTrees(
        _ trees: [(spec: TreeSpec, side: TreeSide)],
        progress: (@Sendable (_ read: Int, _ total: Int, _ tree: TreeSpec) -> Void)? = nil
    ) throws(InvocationError) -> [LoadedTree] {
        var jobs: [(tree: Int, file: RelativePath)] = []
        var listed: [[RelativePath]] = []
        for (index, tree) in trees.enumerated() {
            let files = try listFiles(in: tree.spec)
            listed.append(files)
            jobs += files.map { (index, $0) }
        }
        let loader = self
        // The phase shown is the tree of the n-th file in order, so it moves from the source
        // to the target once, whichever thread finishes first.
        let results = jobs.parallelMap(completed: { read in progress?(read, jobs.count, trees[jobs[read - 1].tree].spec) }) { job in
            loader.loadDocument(job.file, of: trees[job.tree].spec, side: trees[job.tree].side)
        }
        var documents = Array(repeating: [RelativePath: ParsedDocument](), count: trees.count)
        var failures = Array(repeating: [RelativePath: [Finding]](), count: trees.count)
        for (job, result) in zip(jobs, results) {
            switch result {
            case .success(let document): documents[job.tree][job.file] = document
            case .failure(let problem): failures[job.tree][job.file] = problem.findings
            }
        }
        return trees.indices.map { index in
            LoadedTree(
                spec: trees[index].spec, side: trees[index].side, files: listed[index],
                documents: documents[index], failures: failures[index])
        }
    }

    /// Content files below the tree root, relative to it, sorted; hidden files and folders skipped.
    public func listFiles(in spec: TreeSpec) throws(InvocationError) -> [RelativePath] {
        if case .index(let index) = source { return try index.listFiles(in: spec, selection: selection) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: spec.root, isDirectory: &isDirectory) else {
            throw InvocationError("the \(spec.language) tree '\(spec.displayRoot)' does not exist")
        }
        guard isDirectory.boolValue else {
            throw InvocationError("'\(spec.displayRoot)' is not a folder")
        }
        guard let entries = TreeFileReader.entries(below: spec.root) else {
            throw InvocationError("cannot read the folder '\(spec.displayRoot)'")
        }
        var files: [RelativePath] = []
        let resolvedRoot = TreeFileReader.resolvedRoot(of: spec)
        for (relative, mayBeLink) in entries {
            let isContent = selection.contains(relative)
            if mayBeLink {
                try TreeFileReader.refuseLinkLeavingTree(relative, of: spec, resolvedRoot: resolvedRoot, isContent: isContent)
            }
            if isContent { files.append(RelativePath(relative)) }
        }
        return files.sorted()
    }

    /// Why a file could not be loaded: its `parse-error` findings.
    public struct LoadProblem: Error, Sendable {
        public var findings: [Finding]
    }

    func loadDocument(
        _ file: RelativePath, of spec: TreeSpec, side: TreeSide, deferring deferral: ContentDeferral = .none
    ) -> Result<ParsedDocument, LoadProblem> {
        let displayPath = spec.displayPath(file)
        let key = EntryKey(file: file, id: nil)
        func problem(_ message: String, at location: SourceLocation) -> LoadProblem {
            LoadProblem(findings: [Finding(
                rule: .parseError, key: key, message: message,
                source: side == .source ? location : nil,
                target: side == .target ? location : nil)])
        }
        switch source.read(file, of: spec) {
        case .success(let bytes):
            return parse(bytes, file: file, displayPath: displayPath, side: side, deferring: deferral)
        case .failure(let failure):
            return .failure(problem(failure.message, at: SourceLocation(path: displayPath, line: 1, column: 1, byteOffset: 0)))
        }
    }

    /// Parses one file's bytes into a document, or the `parse-error` findings that stop it.
    ///
    /// Without the tree (`keepsTrees` false), the entries `deferral` names read their content
    /// only when it is asked for, and hold the recorded document until they are released: for
    /// a reader that checks a file pair at a time (`EntryExtractor.extract(from:file:bytes:deferring:)`).
    public func parse(
        _ bytes: [UInt8], file: RelativePath, displayPath: String, side: TreeSide, deferring deferral: ContentDeferral = .none
    ) -> Result<ParsedDocument, LoadProblem> {
        let key = EntryKey(file: file, id: nil)
        func problem(_ message: String, at location: SourceLocation) -> LoadProblem {
            LoadProblem(findings: [Finding(
                rule: .parseError, key: key, message: message,
                source: side == .source ? location : nil,
                target: side == .target ? location : nil)])
        }
        do {
            let extractor = EntryExtractor(profile: profile(for: file))
            let tree: XMLDocumentTree
            let extracted: EntryExtractor.Result
            if DocumentSyntax(for: file) == .html {
                let whole = try HTMLDocumentParser.parse(bytes)
                (tree, extracted) = (keepsTrees ? whole : whole.rootAlone, extractor.extract(from: whole, file: file))
            } else if keepsTrees {
                tree = try XMLDocumentParser.parse(bytes)
                extracted = bytes.withUnsafeBytes { extractor.extract(from: tree, file: file, bytes: $0) }
            } else {
                // Entries only: read in place from libxml2's document, with no Swift tree to
                // build and free (`ExtractionInPlaceTests` holds the two to the same entries).
                (tree, extracted) = try XMLDocumentParser.parse(bytes) { document in
                    bytes.withUnsafeBytes {
                        (document.rootAlone, extractor.extract(from: document, file: file, bytes: $0, deferring: deferral))
                    }
                }
            }
            return .success(ParsedDocument(file: file, displayPath: displayPath, bytes: bytes, tree: tree, extracted: extracted))
        } catch {
            // The first fatal error is the cause; the ones after it are its consequences.
            let fatal = error.diagnostics.filter(\.isFatal)
            guard let first = fatal.first ?? error.diagnostics.first else {
                return .failure(problem("the file cannot be parsed", at: LineTable(bytes: bytes).location(of: 0, path: displayPath)))
            }
            var message = first.message
            if fatal.count > 1 {
                message += " (and \(fatal.count - 1) more error\(fatal.count == 2 ? "" : "s") after it)"
            }
            let findings = problem(message, at: LineTable(bytes: bytes).location(of: first.byteOffset, path: displayPath)).findings
            return .failure(LoadProblem(findings: findings))
        }
    }
}
