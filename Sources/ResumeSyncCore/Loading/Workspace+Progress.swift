/// How far a run has got, for a progress bar: files read out of all files of both trees, then
/// the checks.
public struct RunProgress: Hashable, Sendable {
    public enum Phase: Hashable, Sendable {
        /// Reading and parsing the files of one tree (its folder as shown to the user).
        case reading(String)
        /// Every file is read; the entries are being aligned and checked.
        case checking
    }

    public var phase: Phase
    public var filesRead: Int
    public var totalFiles: Int

    public init(phase: Phase, filesRead: Int, totalFiles: Int) {
        self.phase = phase
        self.filesRead = filesRead
        self.totalFiles = totalFiles
    }
}

extension Workspace {
    /// `reconcile()`, telling `progress` as each file is read and before the checks run. It is
    /// `reconcile()` itself with a listener, so the two cannot find different things.
    public func reconcile(progress: @escaping @Sendable (RunProgress) -> Void) throws(InvocationError) -> Reconciliation {
        try reconcile(reporting: progress)
    }
}
