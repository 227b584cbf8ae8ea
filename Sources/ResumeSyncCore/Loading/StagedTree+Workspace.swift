extension Workspace {
    /// The workspace of `check --staged`: the trees, the lock and the config as git's index has
    /// them, so that a pre-commit hook judges the commit and not the work tree.
    ///
    /// A config given explicitly (`configPath`) is read from disk, as typed; otherwise
    /// `ROOT/resume-sync.toml` is read from the index, and when it is not staged the defaults
    /// apply (the commit has no config). Paths are shown as for the work tree (`zh/work.xml`).
    ///
    /// - Throws: `InvocationError` when git cannot be run or this is not a git work tree;
    ///   `ConfigurationError` for a staged config that cannot be used.
    public static func staged(
        root: String = ".", configPath: String? = nil, sourcePath: String? = nil, targetPath: String? = nil,
        lockPath: String? = nil
    ) throws -> Workspace {
        var index = try StagedTree.open()
        let configuration: Configuration
        if configPath != nil {
            configuration = try ConfigurationLoader.discover(root: root, explicitPath: configPath).configuration
        } else {
            let path = root == "." ? ConfigurationLoader.fileName : "\(root)/\(ConfigurationLoader.fileName)"
            try index.load(folders: [], files: [path])
            configuration = try index.stagedBytes(atPath: path)
                .map { bytes throws(ConfigurationError) in try ConfigurationLoader.parse(bytes, displayPath: path).configuration }
                ?? .default
        }
        var workspace = Workspace(root: root, sourcePath: sourcePath, targetPath: targetPath, configuration: configuration)
        if let lockPath { workspace.lockPath = lockPath }
        try index.load(folders: [workspace.source.root, workspace.target.root], files: [workspace.lockPath, workspace.silencePath])
        workspace.fileSource = .index(index)
        return workspace
    }
}
