/// The lines `merge` prints on standard error: what it inserted, updated, pruned and recorded,
/// file by file, what it left for a person, and which files it wrote.
public struct MergeSummary: Sendable {
    public var plan: MergePlan
    public var dryRun: Bool

    public init(plan: MergePlan, dryRun: Bool) {
        self.plan = plan
        self.dryRun = dryRun
    }

    public func render(written: [String]) -> String {
        let outcome = plan.outcome
        let target = plan.result.target
        let source = plan.result.source
        var lines: [String] = []
        let verb = { (done: String, planned: String) in dryRun ? planned : done }
        for file in Set(outcome.inserted.map(\.key.file)).sorted() {
            let insertions = outcome.inserted.filter { $0.key.file == file }
            let listed = insertions.map { insertion in
                "\(insertion.key) at line \(insertion.line)" + Self.nested(insertion.nestedCount)
            }
            lines.append("\(verb("inserted", "would insert")) \(Self.count(insertions.count, "entry", "entries")) into \(target.displayPath(file)), marked for translation: \(listed.joined(separator: "; "))")
        }
        for created in outcome.createdFiles {
            lines.append("\(verb("created", "would create")) \(target.displayPath(created.file)) from \(source.displayPath(created.file)) with \(Self.count(created.entryCount, "entry", "entries")), marked for translation")
        }
        for file in Set(outcome.updated.map(\.key.file)).sorted() {
            let updates = outcome.updated.filter { $0.key.file == file }
            let listed = updates.map { "\($0.key) (\($0.paths.joined(separator: ", ")))" }
            lines.append("\(verb("updated", "would update")) \(Self.count(updates.count, "entry", "entries")) in \(target.displayPath(file)) from \(source.displayRoot): \(listed.joined(separator: "; "))")
        }
        for removal in outcome.pruned {
            lines.append("\(verb("pruned", "would prune")) \(target.displayPath(removal.key.file))#\(removal.key.id?.rawValue ?? "")" + Self.nested(removal.nestedCount))
        }
        for file in outcome.prunedFiles {
            lines.append("\(verb("removed", "would remove")) \(target.displayPath(file)), which has no counterpart in \(source.displayRoot)")
        }
        if !outcome.confirmed.isEmpty {
            lines.append("\(verb("recorded", "would record")) \(Self.count(outcome.confirmed.count, "entry pair", "entry pairs")) as in sync: \(outcome.confirmed.map(\.description).joined(separator: ", "))")
        }
        for left in outcome.leftAlone {
            lines.append("left for a person: \(left.key): \(left.reason)")
        }
        if plan.changes.isEmpty {
            lines.append("nothing to merge: \(target.displayRoot) is up to date with \(source.displayRoot)")
        } else if dryRun {
            lines.append("dry run: would write \(plan.changes.map(\.displayPath).joined(separator: ", ")); nothing was written")
        } else {
            lines.append("wrote \(written.joined(separator: ", "))")
        }
        return lines.map { "resume-sync: \($0)\n" }.joined()
    }

    static func count(_ number: Int, _ singular: String, _ plural: String) -> String {
        "\(number) \(number == 1 ? singular : plural)"
    }

    static func nested(_ number: Int) -> String {
        number == 0 ? "" : " (with \(count(number, "nested entry", "nested entries")))"
    }
}
