import ArgumentParser
import ResumeSyncCore

extension ResumeSync {
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Carry new entries and neutral changes from SOURCE into TARGET.",
            discussion: """
                Inserts each entry (or file) that TARGET lacks at the place matching SOURCE, as \
                SOURCE's own markup re-indented like its new siblings, marked \
                state="needs-translation" so that `check` reports it untranslated until a person \
                translates it and removes the mark. Copies changed neutral values (dates, links, \
                figures in attributes, <code>) into pairs whose target did not change them, and \
                records the pairs that are then in sync in resume-sync.lock. Prose changes are \
                left for a person. Every other byte of every file stays as it was.

                `merge zh en` carries zh into en; `merge en zh` the other way. With --only, only \
                the named entries (FILE#ID, with the entries nested in them) or files are merged. \
                Orphans (entries in TARGET only) stay unless --prune is given. Nothing is written \
                when a file or the lock is broken, or when a file changes while the merge runs \
                (exit status 2). Exit status 0 otherwise, whether or not there was anything to do.
                """)

        @OptionGroup var trees: TreeOptions

        @Option(name: .long, parsing: .upToNextOption,
                help: ArgumentHelp("Merge only these entries (FILE#ID) or files.", valueName: "key"))
        var only: [String] = []

        @Flag(name: .long, help: "Remove orphans (entries and files that SOURCE lacks) from TARGET, and list them.")
        var prune = false

        @Flag(name: .long, help: "Print the patch (a unified diff) instead of writing anything.")
        var dryRun = false

        @Flag(name: .long, help: "Wait for another merge of the same project to finish instead of refusing.")
        var wait = false

        func run() throws {
            let workspace = try trees.workspace
            let lock: MergeLock
            do {
                lock = try MergeLock.acquire(at: MergeLock.path(besideBaseline: workspace.lockPath), wait: wait)
            } catch {
                Terminal.standardError("resume-sync: error: \(error); nothing was written\n")
                throw ExitCode(2)
            }
            defer { lock.release() }
            do {
                let plan = try workspace.mergePlan(MergeRequest(only: only, prune: prune))
                let summary = MergeSummary(plan: plan, dryRun: dryRun)
                if dryRun {
                    Terminal.standardOutput(plan.patch)
                    Terminal.standardError(summary.render(written: []))
                    return
                }
                let written = try MergeCommitter.commit(plan)
                Terminal.standardError(summary.render(written: written))
            } catch let error as InvocationError {
                Terminal.standardError("resume-sync: error: \(error.message)\n")
                throw ExitCode(2)
            } catch let failure as MergeCommitter.Failure {
                Terminal.standardError("resume-sync: error: \(failure.description)\n")
                throw ExitCode(2)
            }
        }
    }
}
