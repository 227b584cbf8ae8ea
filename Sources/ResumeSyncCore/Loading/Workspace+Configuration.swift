extension Workspace {
    /// A project's workspace: its config (`configPath`, or `ROOT/resume-sync.toml` when there
    /// is one), and the trees it names unless they are given explicitly.
    ///
    /// - Throws: `ConfigurationError` for a config that cannot be used, a configured tree folder
    ///   that does not exist included, located at its line in the config.
    public static func load(
        root: String = ".", configPath: String? = nil, sourcePath: String? = nil, targetPath: String? = nil
    ) throws(ConfigurationError) -> Workspace {
        let loaded = try ConfigurationLoader.discover(root: root, explicitPath: configPath)
        let workspace = Workspace(
            root: root, sourcePath: sourcePath, targetPath: targetPath, configuration: loaded.configuration)
        try loaded.checkTrees(in: workspace, sourceGiven: sourcePath != nil, targetGiven: targetPath != nil)
        return workspace
    }
}
