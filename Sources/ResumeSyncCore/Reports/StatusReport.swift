/// `status`: a one-screen summary, as `git status` gives: overall progress, each file's counts by
/// rule, and the next command to run.
///
/// The suggested commands are written as the user would type them: the tree folders and `--root`
/// appear only when the user gave them, so they can be copied as they are.
public struct StatusReport: Sendable {
    public var style: TerminalStyle
    public var invocation: Invocation
    /// Files listed one by one up to this many; past it only those that need work are.
    public var fileLimit: Int

    /// How the user named the trees and the project, to write the next commands the same way.
    public struct Invocation: Sendable {
        /// The trees were given on the command line (not the defaults).
        public var explicitTrees: Bool
        /// Arguments every command needs again, e.g. `["--root", "site"]`.
        public var projectArguments: [String]

        public init(explicitTrees: Bool = false, projectArguments: [String] = []) {
            self.explicitTrees = explicitTrees
            self.projectArguments = projectArguments
        }
    }

    /// A command to run next and why.
    public struct NextStep: Hashable, Sendable {
        public var command: String
        public var reason: String

        public init(command: String, reason: String) {
            self.command = command
            self.reason = reason
        }
    }

    public init(style: TerminalStyle = .plain, invocation: Invocation = Invocation(), fileLimit: Int = 15) {
        self.style = style
        self.invocation = invocation
        self.fileLimit = fileLimit
    }

    static let barCells = 20

    public func render(_ report: TodoReport) -> String {
        var lines: [String] = []
        let languages = report.sourceRoot == report.sourceLanguage.code && report.targetRoot == report.targetLanguage.code
            ? "" : " (\(report.sourceLanguage) → \(report.targetLanguage))"
        lines.append(style.bold("resume-sync status: \(report.sourceRoot) → \(report.targetRoot)") + languages)
        lines.append("\(TodoMarkdownReport.inSync(report.overall))  \(bar(report.overall))")
        lines.append("")
        lines += fileLines(report)
        lines.append("")
        if !report.ruleCounts.isEmpty {
            lines.append("by rule: " + report.ruleCounts.map { "\($0.count) \(ruleName($0.rule))" }.joined(separator: ", "))
        }
        lines.append("baseline: " + baselineLine(report))
        if !report.brokenInput.isEmpty {
            lines.append("")
            lines.append(style.red("cannot be read:"))
            for finding in report.brokenInput.prefix(10) {
                let location = finding.primaryLocation.map { "\($0): " } ?? ""
                lines.append("  \(location)\(finding.message) [\(finding.rule.id)]")
            }
            if report.brokenInput.count > 10 { lines.append("  … and \(report.brokenInput.count - 10) more") }
        }
        lines.append("")
        let steps = nextSteps(report)
        lines.append(style.bold("next:"))
        let width = min(steps.map { DisplayWidth.of($0.command) }.max() ?? 0, 56)
        for step in steps {
            let padding = String(repeating: " ", count: max(width - DisplayWidth.of(step.command), 0))
            lines.append("  " + style.cyan(step.command) + padding + "  " + style.dim(step.reason))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func fileLines(_ report: TodoReport) -> [String] {
        let listed = report.files.count <= fileLimit ? report.files : Array(report.files.filter(\.needsWork).prefix(fileLimit))
        let nameWidth = min(listed.map { DisplayWidth.of($0.file.rawValue) }.max() ?? 0, 40)
        let figureWidth = listed.map { "\($0.progress.done)/\($0.progress.total)".count }.max() ?? 0
        var lines = listed.map { file -> String in
            let name = file.file.rawValue
            let figure = "\(file.progress.done)/\(file.progress.total)"
            let counts = file.ruleCounts.isEmpty
                ? style.green("in sync")
                : file.ruleCounts.map { "\(ruleName($0.rule)) \($0.count)" }.joined(separator: ", ")
            let side = file.sourcePath == nil ? " (only in \(report.targetRoot))" : file.targetPath == nil ? " (only in \(report.sourceRoot))" : ""
            return "  " + name + String(repeating: " ", count: max(nameWidth - DisplayWidth.of(name), 0))
                + "  " + String(repeating: " ", count: figureWidth - figure.count) + figure
                + "  " + bar(file.progress) + "  " + counts + style.dim(side)
        }
        let unlisted = report.files.count - listed.count
        if unlisted > 0 {
            let moreWork = report.files.filter(\.needsWork).count - listed.filter(\.needsWork).count
            if moreWork > 0 { lines.append("  … and \(moreWork) more \(moreWork == 1 ? "file needs" : "files need") work") }
            let inSync = unlisted - moreWork
            if inSync > 0 { lines.append("  " + style.green("\(inSync) \(inSync == 1 ? "file" : "files") in sync")) }
        }
        return lines
    }

    func bar(_ progress: SyncProgress) -> String {
        let cells = ProgressBar.filledCells(progress, cells: Self.barCells)
        let filled = String(repeating: ProgressBar.ascii.filled, count: cells)
        let empty = String(repeating: ProgressBar.ascii.empty, count: Self.barCells - cells)
        let percent = String(progress.percent)
        return "[" + style.green(filled) + style.dim(empty) + "] "
            + String(repeating: " ", count: 3 - min(percent.count, 3)) + percent + "%"
    }

    func ruleName(_ rule: Rule) -> String {
        rule.defaultSeverity == .error || rule.meansBrokenInput ? style.red(rule.id) : style.magenta(rule.id)
    }

    func baselineLine(_ report: TodoReport) -> String {
        if !report.hasBaseline { return "none (\(Baseline.fileName) does not exist), so staleness is not checked" }
        if report.unrecordedCount > 0 {
            return "\(Baseline.fileName), \(report.unrecordedCount) entry \(report.unrecordedCount == 1 ? "pair" : "pairs") not recorded yet"
        }
        return Baseline.fileName
    }

    /// What to run next, most pressing first.
    public func nextSteps(_ report: TodoReport) -> [NextStep] {
        if !report.brokenInput.isEmpty {
            return [NextStep(command: command("check", [], report), reason: "lists what cannot be read; fix it first, then run `resume-sync status` again")]
        }
        var steps: [NextStep] = []
        let actions = report.items.flatMap(\.mergeActions)
        let inserts = actions.filter { $0.kind == .insert }.count
        let creates = actions.filter { $0.kind == .createFile }.count
        let copies = actions.filter { $0.kind == .copyNeutral }.count
        let trees = shell([report.sourceRoot, report.targetRoot])
        if inserts + creates + copies > 0 {
            var added: [String] = []
            if inserts > 0 { added.append(Self.count(inserts, "missing entry", "missing entries")) }
            if creates > 0 { added.append(Self.count(creates, "missing file", "missing files")) }
            var what: [String] = []
            if !added.isEmpty { what.append("inserts " + added.joined(separator: " and ") + ", marked for translation") }
            if copies > 0 { what.append("copies \(Self.count(copies, "neutral value", "neutral values"))") }
            steps.append(NextStep(command: "resume-sync merge \(trees)" + projectSuffix, reason: what.joined(separator: ", ")))
        }
        let stale = report.count(of: .stale)
        if stale > 0 {
            steps.append(NextStep(
                command: command("diff", [], report),
                reason: "shows \(Self.count(stale, "stale entry", "stale entries")) and what changed; update, then `resume-sync accept KEY`"))
        }
        let forPeople = report.items.filter { item in
            item.mergeActions.contains { $0.kind == .needsPerson } && !item.rules.allSatisfy { $0 == .stale }
        }.count
        if forPeople > 0 {
            steps.append(NextStep(
                command: command("todo", ["--format", "html", "--output", "todo.html"], report),
                reason: "a page of the \(Self.count(forPeople, "entry", "entries")) that need a person"))
        }
        let orphans = report.count(of: .orphan)
        if orphans > 0 {
            steps.append(NextStep(
                command: "resume-sync merge \(trees) --prune" + projectSuffix,
                reason: "removes \(Self.count(orphans, "orphan", "orphans")) from \(report.targetRoot) (or add \(orphans == 1 ? "it" : "them") to \(report.sourceRoot))"))
        }
        if !report.hasBaseline {
            steps.append(NextStep(
                command: acceptAll(report),
                reason: steps.isEmpty ? "creates \(Baseline.fileName), so that staleness is checked from now on"
                    : "once the trees are in sync: creates \(Baseline.fileName), so that staleness is checked"))
        } else if steps.isEmpty, report.unrecordedCount > 0 {
            steps.append(NextStep(
                command: acceptAll(report),
                reason: "records \(Self.count(report.unrecordedCount, "new entry pair", "new entry pairs")) in \(Baseline.fileName)"))
        }
        if steps.isEmpty {
            steps.append(NextStep(command: "nothing to do", reason: "the trees are in sync"))
        }
        return steps
    }

    /// A command on the same trees and project: `resume-sync diff`, or `resume-sync diff A B --root R`.
    func command(_ name: String, _ arguments: [String] = [], _ report: TodoReport) -> String {
        var words = ["resume-sync", name]
        if invocation.explicitTrees { words += [report.sourceRoot, report.targetRoot] }
        return shell(words + arguments + invocation.projectArguments)
    }

    func acceptAll(_ report: TodoReport) -> String {
        var words = ["resume-sync", "accept", "--all"]
        if invocation.explicitTrees { words += ["--source", report.sourceRoot, "--target", report.targetRoot] }
        return shell(words + invocation.projectArguments)
    }

    private var projectSuffix: String {
        invocation.projectArguments.isEmpty ? "" : " " + shell(invocation.projectArguments)
    }

    /// Words joined for a POSIX shell, quoted where they need it.
    func shell(_ words: [String]) -> String {
        words.map { word in
            let plain = !word.isEmpty && word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:,@%+".contains($0)) }
            return plain ? word : "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
        }.joined(separator: " ")
    }

    static func count(_ number: Int, _ one: String, _ many: String) -> String {
        number == 1 ? "1 \(one)" : "\(number) \(many)"
    }
}
