/// How far along something is: `done` of `total`, as a figure and as a bar of characters.
///
/// The figure rounds down, so that 99.6% shows as 99% and 100% means that nothing is left.
/// Nothing to do at all (`total` 0) counts as done.
public struct SyncProgress: Hashable, Sendable {
    public var done: Int
    public var total: Int

    public init(done: Int, total: Int) {
        self.done = max(0, min(done, total))
        self.total = max(0, total)
    }

    /// The share done, from 0 to 1.
    public var fraction: Double { total == 0 ? 1 : Double(done) / Double(total) }

    /// Whole percent, rounded down.
    public var percent: Int { total == 0 ? 100 : done * 100 / total }

    public var isComplete: Bool { done == total }

    public static func + (lhs: SyncProgress, rhs: SyncProgress) -> SyncProgress {
        SyncProgress(done: lhs.done + rhs.done, total: lhs.total + rhs.total)
    }
}

/// Draws a `SyncProgress` as a bar of a fixed number of cells.
///
/// The terminal form uses ASCII (`#` and `-`) because the block characters are of ambiguous East
/// Asian width and take two columns in some Chinese terminals; the Markdown form uses the blocks,
/// which every browser draws one cell wide.
public struct ProgressBar: Hashable, Sendable {
    public var filled: Character
    public var empty: Character

    public init(filled: Character, empty: Character) {
        self.filled = filled
        self.empty = empty
    }

    public static let ascii = ProgressBar(filled: "#", empty: "-")
    public static let blocks = ProgressBar(filled: "█", empty: "░")

    /// The number of filled cells out of `cells`, rounded down, and never all of them unless
    /// everything is done, nor none of them once anything is.
    public static func filledCells(_ progress: SyncProgress, cells: Int) -> Int {
        guard cells > 0 else { return 0 }
        if progress.isComplete { return cells }
        let filled = progress.done * cells / progress.total
        return min(max(filled, progress.done > 0 ? 1 : 0), cells - 1)
    }

    /// The bar alone, exactly `cells` characters.
    public func render(_ progress: SyncProgress, cells: Int) -> String {
        let filledCount = Self.filledCells(progress, cells: cells)
        return String(repeating: filled, count: filledCount) + String(repeating: empty, count: max(cells, 0) - filledCount)
    }
}
