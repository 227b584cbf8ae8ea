/// A unified diff of two versions of a file, as `diff -u` prints it (three lines of context,
/// `\ No newline at end of file` where a version ends without one), so that `--dry-run` output
/// can be read as a patch and applied with `patch -p0`.
public enum UnifiedDiff {
    public static func render(old: [UInt8], new: [UInt8], oldLabel: String, newLabel: String, context: Int = 3) -> String {
        let oldLines = lines(of: old)
        let newLines = lines(of: new)
        let operations = script(from: oldLines, to: newLines)
        let changed = operations.indices.filter { operations[$0].kind != .same }
        guard !changed.isEmpty else { return "" }
        var output = "--- \(oldLabel)\n+++ \(newLabel)\n"
        var hunkStart = changed[0]
        var hunkEnd = changed[0]
        var hunks: [Range<Int>] = []
        for index in changed.dropFirst() {
            if index - hunkEnd - 1 > 2 * context {
                hunks.append(max(0, hunkStart - context)..<min(operations.count, hunkEnd + context + 1))
                hunkStart = index
            }
            hunkEnd = index
        }
        hunks.append(max(0, hunkStart - context)..<min(operations.count, hunkEnd + context + 1))
        for hunk in hunks {
            let slice = operations[hunk]
            let oldCount = slice.filter { $0.kind != .insert }.count
            let newCount = slice.filter { $0.kind != .delete }.count
            let oldBefore = slice.first?.oldIndex ?? 0
            let newBefore = slice.first?.newIndex ?? 0
            output += "@@ -\(range(oldBefore, oldCount)) +\(range(newBefore, newCount)) @@\n"
            for operation in slice {
                let (prefix, line) = switch operation.kind {
                case .same: (" ", oldLines[operation.oldIndex])
                case .delete: ("-", oldLines[operation.oldIndex])
                case .insert: ("+", newLines[operation.newIndex])
                }
                output += prefix + String(decoding: line, as: UTF8.self)
                if line.last != 0x0A { output += "\n\\ No newline at end of file\n" }
            }
        }
        return output
    }

    /// `start,count` with `start` the 1-based first line, or the line before an empty range;
    /// a range of one line is its line alone, as GNU diff writes it.
    private static func range(_ before: Int, _ count: Int) -> String {
        count == 1 ? "\(before + 1)" : "\(count == 0 ? before : before + 1),\(count)"
    }

    /// The lines of a file, each with its line ending; the last may have none.
    static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for offset in bytes.indices where bytes[offset] == 0x0A {
            result.append(bytes[start...offset])
            start = offset + 1
        }
        if start < bytes.count { result.append(bytes[start...]) }
        return result
    }

    private struct Operation {
        enum Kind { case same, delete, insert }
        var kind: Kind
        /// Lines of each version before this one.
        var oldIndex: Int
        var newIndex: Int
    }

    /// The shortest edit script (`CollectionDifference`, Myers), deletions before insertions.
    private static func script(from old: [ArraySlice<UInt8>], to new: [ArraySlice<UInt8>]) -> [Operation] {
        var ids: [ArraySlice<UInt8>: Int] = [:]
        func id(_ line: ArraySlice<UInt8>) -> Int {
            if let known = ids[line] { return known }
            ids[line] = ids.count
            return ids.count - 1
        }
        let oldIDs = old.map(id)
        let newIDs = new.map(id)
        let difference = newIDs.difference(from: oldIDs)
        var removed: Set<Int> = []
        var inserted: Set<Int> = []
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var operations: [Operation] = []
        var oldIndex = 0
        var newIndex = 0
        while oldIndex < old.count || newIndex < new.count {
            if oldIndex < old.count, removed.contains(oldIndex) {
                operations.append(Operation(kind: .delete, oldIndex: oldIndex, newIndex: newIndex))
                oldIndex += 1
            } else if newIndex < new.count, inserted.contains(newIndex) {
                operations.append(Operation(kind: .insert, oldIndex: oldIndex, newIndex: newIndex))
                newIndex += 1
            } else {
                operations.append(Operation(kind: .same, oldIndex: oldIndex, newIndex: newIndex))
                oldIndex += 1
                newIndex += 1
            }
        }
        return operations
    }
}
