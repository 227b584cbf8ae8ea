import ArgumentParser
import ResumeSyncCore

extension ResumeSync {
    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record entry pairs as in sync in resume-sync.lock.",
            discussion: """
                After updating a translation, `accept KEY` confirms that the pair is in sync, so \
                it is no longer stale. A KEY is FILE#ID (work.xml#caicloud-tech-lead, a tree \
                folder in front is fine), or a FILE for all its entries. `--all` records every \
                pair as it is now and creates the lock when there is none. Nothing is written \
                when a file cannot be read.

                With `--rule R --reason "…"`, the current findings of rule R for the KEYs are \
                silenced instead: recorded with the reason in resume-sync.silence, tied to the \
                values each side has now, so that the silence lapses when they change. `check` \
                counts the silenced findings in its summary.
                """)

        @Argument(help: ArgumentHelp("Entry keys (FILE#ID) or files to accept.", valueName: "key"))
        var keys: [String] = []

        @Flag(name: .long, help: "Accept every entry pair, dropping records of entries that are gone.")
        var all = false

        @Option(name: .customLong("source"), help: ArgumentHelp("The source tree folder (default: ROOT/zh).", valueName: "dir"))
        var source: String?

        @Option(name: .customLong("target"), help: ArgumentHelp("The target tree folder (default: ROOT/en).", valueName: "dir"))
        var target: String?

        @Option(name: .long, help: ArgumentHelp("Silence the KEYs' findings of this rule (mismatch-number, glossary, …) instead.", valueName: "rule"))
        var rule: String?

        @Option(name: .long, help: ArgumentHelp("Why the difference is intended; required with --rule.", valueName: "text"))
        var reason: String?

        @OptionGroup var project: ProjectOptions

        func validate() throws {
            if rule != nil {
                if all { throw ValidationError("--rule silences the findings of named entries; it does not go with --all") }
                if keys.isEmpty { throw ValidationError("name the entries whose findings to silence (FILE#ID …)") }
                if (reason ?? "").allSatisfy(\.isWhitespace) {
                    throw ValidationError("a silence needs a reason a reviewer can read: --reason \"…\"")
                }
                return
            }
            if reason != nil { throw ValidationError("--reason goes with --rule RULE") }
            if all && !keys.isEmpty { throw ValidationError("give --all or keys, not both") }
            if !all && keys.isEmpty { throw ValidationError("name the entries to accept (FILE#ID …), or give --all") }
        }

        func run() throws {
            var workspace = try project.workspace(source: source, target: target)
            workspace.keepsTrees = false
            let result = try workspace.reconcileOrExit()
            if let rule {
                try silence(rule: rule, in: result, workspace: workspace)
                return
            }
            var baseline: Baseline?
            do {
                baseline = try workspace.readBaseline()
            } catch where all && !error.isNewerFormat {
                baseline = nil
            } catch {
                Terminal.standardError("resume-sync: error: \(workspace.lockPath):\(error.line): \(error.message); nothing was written\n")
                throw ExitCode(2)
            }
            do {
                let (updated, accepted) = try Acceptance.accept(keys, all: all, in: result, baseline: baseline)
                try AtomicFile.write(updated.serializedBytes(), to: workspace.lockPath)
                Terminal.standardError("resume-sync: accepted \(accepted.count == 1 ? "1 entry pair" : "\(accepted.count) entry pairs") in \(workspace.lockPath)\n")
            } catch let error as InvocationError {
                Terminal.standardError("resume-sync: error: \(error.message)\n")
                throw ExitCode(2)
            } catch let error as AtomicFile.WriteError {
                Terminal.standardError("resume-sync: error: \(error.description)\n")
                throw ExitCode(2)
            }
        }

        /// Records the findings of `rule` for the keys in the silence file, with the reason.
        private func silence(rule: String, in result: Reconciliation, workspace: Workspace) throws {
            do {
                let (updated, silenced) = try SilenceRecorder.silence(
                    rule: rule, keys: keys, reason: reason ?? "", in: result, list: try workspace.readSilences())
                try AtomicFile.write(Array(updated.serialized().utf8), to: workspace.silencePath)
                let count = silenced.count == 1 ? "1 finding" : "\(silenced.count) findings"
                Terminal.standardError("resume-sync: silenced \(count) [\(rule)] in \(workspace.silencePath)\n")
            } catch let error as InvocationError {
                Terminal.standardError("resume-sync: error: \(error.message)\n")
                throw ExitCode(2)
            } catch let error as AtomicFile.WriteError {
                Terminal.standardError("resume-sync: error: \(error.description)\n")
                throw ExitCode(2)
            }
        }
    }
}
