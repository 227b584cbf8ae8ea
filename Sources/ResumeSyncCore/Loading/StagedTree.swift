import Foundation

/// Where a tree loader reads files: the work tree on disk, or git's index (`check --staged`).
public enum TreeFileSource: Sendable {
    case disk
    case index(StagedTree)

    /// The bytes of one file of a tree, or why they cannot be read.
    func read(_ file: RelativePath, of spec: TreeSpec) -> Result<[UInt8], TreeFileReader.Failure> {
        switch self {
        case .disk: return TreeFileReader.read(spec.filePath(file))
        case .index(let staged): return staged.read(file, of: spec)
        }
    }
}

/// The files as git's index has them: what `git commit` would record, which is what a
/// pre-commit hook must judge (the work tree may hold edits that are not part of the commit).
///
/// Read through git itself (`git ls-files -s`, `git cat-file --batch`), never by opening
/// `.git/index`: git picks the index from `GIT_INDEX_FILE`, which differs between `git commit`,
/// `git commit -a` and `git commit FILE`, and from `GIT_DIR` in worktrees and submodules.
public struct StagedTree: Sendable {
    /// One path of the index: its mode (`100644`, `120000` for a link…), object and stage.
    struct Entry: Sendable {
        var mode: String
        var object: String
        /// 0 for a normal entry; 1 to 3 while a merge conflict is unresolved.
        var stage: Int
    }

    /// The repository's top-level folder, as git gives it (symbolic links resolved).
    public var topLevel: String
    /// Index entries by path relative to `topLevel`.
    var entries: [String: Entry]
    /// Contents of the entries below the requested folders, by path relative to `topLevel`.
    var contents: [String: [UInt8]]
    /// The folder git was run in, for turning the user's paths into repository paths.
    var directory: String

    /// Reads the index of the repository that holds `directory` (its list of paths; contents
    /// come with `load`).
    public static func open(in directory: String = ".") throws(InvocationError) -> StagedTree {
        let git = GitRunner(directory: directory)
        let topLevel = try git.text(["rev-parse", "--show-toplevel"]).trimmingCharacters(in: .newlines)
        guard !topLevel.isEmpty else {
            throw InvocationError("`--staged` needs a git work tree; '\(directory)' is not inside one (or it is a bare repository)")
        }
        var tree = StagedTree(topLevel: topLevel, entries: [:], contents: [:], directory: directory)
        let listing = try git.output(["ls-files", "--stage", "-z", "--full-name"], in: topLevel)
        for record in listing.split(separator: 0) {
            // "<mode> <object> <stage>\t<path>"
            guard let tab = record.firstIndex(of: 0x09) else { continue }
            let fields = String(decoding: record[..<tab], as: UTF8.self).split(separator: " ")
            guard fields.count == 3, let stage = Int(fields[2]) else { continue }
            let path = String(decoding: record[(tab + 1)...], as: UTF8.self)
            // A path has either one entry at stage 0, or up to three while it is in conflict.
            if tree.entries[path] != nil { continue }
            tree.entries[path] = Entry(mode: String(fields[0]), object: String(fields[1]), stage: stage)
        }
        return tree
    }

    /// Reads the staged contents of every file below `folders` and of `files` (paths as the
    /// user gives them: relative to the folder git ran in, or absolute), with one `git cat-file`.
    public mutating func load(folders: [String], files: [String]) throws(InvocationError) {
        let prefixes = folders.map { repositoryPath($0) }.map { $0.isEmpty ? "" : $0 + "/" }
        let exact = Set(files.map { repositoryPath($0) })
        let wanted = entries.filter { path, entry in
            contents[path] == nil && entry.stage == 0 && (entry.mode.hasPrefix("100") || entry.mode == "120000")
                && (exact.contains(path) || prefixes.contains { path.hasPrefix($0) })
        }
        let objects = try GitRunner(directory: directory).objects(Array(Set(wanted.values.map(\.object))), in: topLevel)
        for (path, entry) in wanted {
            contents[path] = objects[entry.object]
        }
    }

    /// A path as the user gives it (relative to the folder git ran in, or absolute), relative
    /// to the repository's top level; `..` and `.` are resolved, and so are links of the part
    /// that exists on disk.
    func repositoryPath(_ path: String) -> String {
        Self.repositoryPath(path, from: directory, topLevel: topLevel)
    }

    /// `path` (relative to `directory`, or absolute) relative to `topLevel`; `../…` when it
    /// is outside.
    static func repositoryPath(_ path: String, from directory: String, topLevel: String) -> String {
        let relative = directory == "." ? path : (directory as NSString).appendingPathComponent(path)
        let base = relative.hasPrefix("/") ? relative
            : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(relative)
        var resolved = (base as NSString).standardizingPath
        var suffix: [String] = []
        while !FileManager.default.fileExists(atPath: resolved), resolved != "/" {
            suffix.insert((resolved as NSString).lastPathComponent, at: 0)
            resolved = (resolved as NSString).deletingLastPathComponent
        }
        resolved = AtomicFile.resolvingSymlinks(resolved)
        let full = ([resolved] + suffix).joined(separator: "/")
        let top = topLevel.hasSuffix("/") ? topLevel : topLevel + "/"
        if full == topLevel { return "" }
        guard full.hasPrefix(top) else { return "../" + full }
        return String(full.dropFirst(top.count))
    }

    /// The staged bytes of a file given by its path as the user gives it; `nil` when it is not
    /// staged.
    public func stagedBytes(atPath path: String) -> [UInt8]? {
        contents[repositoryPath(path)]
    }
}

extension StagedTree {
    /// The content files of a tree as staged, relative to its root, sorted; hidden files and
    /// folders skipped and `selection` applied as for the work tree.
    func listFiles(in spec: TreeSpec, selection: FileSelection) throws(InvocationError) -> [RelativePath] {
        let root = repositoryPath(spec.root)
        guard !root.hasPrefix("../") else {
            throw InvocationError("the \(spec.language) tree '\(spec.displayRoot)' is outside the git repository at \(topLevel)")
        }
        let prefix = root.isEmpty ? "" : root + "/"
        var files: [RelativePath] = []
        for (path, entry) in entries where path.hasPrefix(prefix) {
            let relative = String(path.dropFirst(prefix.count))
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            guard selection.contains(relative), entry.mode != "160000" else { continue }
            if entry.mode == "120000", !(linkTarget(path)?.hasPrefix(prefix) ?? false) {
                let target = contents[path].map { String(decoding: $0, as: UTF8.self) } ?? "?"
                throw InvocationError(
                    "\(spec.displayPath(RelativePath(relative))): a symbolic link to \(target), outside the tree "
                    + "'\(spec.displayRoot)'; resume-sync neither reads nor writes through a link that leaves a tree: "
                    + "replace the link with what it points to")
            }
            files.append(RelativePath(relative))
        }
        var isDirectory: ObjCBool = false
        if files.isEmpty, !entries.keys.contains(where: { $0.hasPrefix(prefix) }),
           !(FileManager.default.fileExists(atPath: spec.root, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw InvocationError("the \(spec.language) tree '\(spec.displayRoot)' has no staged files and does not exist")
        }
        return files.sorted()
    }

    /// The staged bytes of one file of a tree.
    func read(_ file: RelativePath, of spec: TreeSpec) -> Result<[UInt8], TreeFileReader.Failure> {
        let root = repositoryPath(spec.root)
        var path = root.isEmpty ? file.rawValue : root + "/" + file.rawValue
        guard let entry = entries[path] else {
            return .failure(TreeFileReader.Failure(message: "the file is not in git's index"))
        }
        if entry.stage != 0 {
            return .failure(TreeFileReader.Failure(message: "the file has an unresolved merge conflict in git's index; resolve it and `git add` it"))
        }
        if entry.mode == "120000" {
            guard let target = linkTarget(path), let linked = entries[target], linked.mode.hasPrefix("100") else {
                return .failure(TreeFileReader.Failure(message: "a symbolic link to a file that is not staged"))
            }
            path = target
        }
        guard let bytes = contents[path] else {
            return .failure(TreeFileReader.Failure(message: "cannot read the staged file from git"))
        }
        return .success(bytes)
    }

    /// Where a staged symbolic link points, relative to the top level (`..` resolved), or `nil`
    /// when it points outside the repository.
    func linkTarget(_ path: String) -> String? {
        guard let bytes = contents[path] else { return nil }
        let target = String(decoding: bytes, as: UTF8.self)
        if target.hasPrefix("/") { return nil }
        var components = path.split(separator: "/").dropLast().map(String.init)
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(String(component))
            }
        }
        return components.joined(separator: "/")
    }
}
