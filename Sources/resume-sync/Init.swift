import ArgumentParser
import Foundation
import ResumeSyncCore

extension ResumeSync {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a commented resume-sync.toml and the first baseline.",
            discussion: """
                Writes ROOT/resume-sync.toml (or --config FILE) with every key listed, commented \
                out, with its default; the choices given here (--format, --source, --target, \
                the languages) are written as live settings. Then records every entry pair as \
                it is now in resume-sync.lock, as `accept --all` does, unless a lock already \
                exists (it is kept). An existing config is never overwritten; nothing is written \
                when a tree is missing or a file cannot be read.
                """)

        @Option(name: .long, help: ArgumentHelp("The content format: auto, xml, docbook, android or html.", valueName: "format"))
        var format: String?

        @Option(name: .customLong("source"), help: ArgumentHelp("The source tree folder, relative to ROOT (default: zh).", valueName: "dir"))
        var source: String?

        @Option(name: .customLong("target"), help: ArgumentHelp("The target tree folder, relative to ROOT (default: en).", valueName: "dir"))
        var target: String?

        @Option(name: .customLong("source-language"), help: ArgumentHelp("The source language (default: from the folder's name).", valueName: "code"))
        var sourceLanguage: String?

        @Option(name: .customLong("target-language"), help: ArgumentHelp("The target language (default: from the folder's name).", valueName: "code"))
        var targetLanguage: String?

        @OptionGroup var project: ProjectOptions

        func validate() throws {
            if let format, FormatChoice(rawValue: format) == nil {
                let names = FormatChoice.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--format must be one of \(names)")
            }
        }

        func run() throws {
            let configPath = project.config
                ?? (project.root == "." ? ConfigurationLoader.fileName : "\(project.root)/\(ConfigurationLoader.fileName)")
            if FileManager.default.fileExists(atPath: configPath) {
                throw fail("\(configPath) already exists; edit it, or remove it to start over. Nothing was written")
            }
            let template = ConfigurationTemplate(
                format: format.flatMap(FormatChoice.init(rawValue:)), sourceRoot: source, targetRoot: target,
                sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
            let text = template.text
            // The options are checked as the config will be: a bad language code is an error here.
            let loaded: LoadedConfiguration
            do {
                loaded = try ConfigurationLoader.parse(Array(text.utf8), displayPath: configPath)
            } catch {
                throw fail("\(error.message); nothing was written")
            }
            var workspace = Workspace(root: project.root, configuration: loaded.configuration)
            if let lock = project.lock { workspace.lockPath = lock }
            for spec in [workspace.source, workspace.target] {
                var isDirectory: ObjCBool = false
                if !FileManager.default.fileExists(atPath: spec.root, isDirectory: &isDirectory) || !isDirectory.boolValue {
                    let option = spec == workspace.source ? "--source" : "--target"
                    throw fail("the tree '\(spec.displayRoot)' does not exist; create it, or name the folder with \(option) DIR. Nothing was written")
                }
            }
            let result = try workspace.reconcileOrExit()
            let lockExists = FileManager.default.fileExists(atPath: workspace.lockPath)
            var accepted: [EntryKey] = []
            var baseline: Baseline?
            if !lockExists {
                do {
                    (baseline, accepted) = try Acceptance.accept([], all: true, in: result, baseline: nil)
                } catch {
                    throw fail(error.message)
                }
            }
            do {
                try AtomicFile.write(Array(text.utf8), to: configPath)
                if let baseline { try AtomicFile.write(baseline.serializedBytes(), to: workspace.lockPath) }
            } catch {
                throw fail(error.description)
            }
            Terminal.standardError("resume-sync: wrote \(configPath)\n")
            if lockExists {
                Terminal.standardError("resume-sync: kept the existing \(workspace.lockPath)\n")
            } else {
                let count = accepted.count == 1 ? "1 entry pair" : "\(accepted.count) entry pairs"
                Terminal.standardError("resume-sync: recorded \(count) in \(workspace.lockPath); run `resume-sync check` next\n")
            }
        }

        /// Says why nothing was done; the caller throws the exit status.
        private func fail(_ message: String) -> ExitCode {
            Terminal.standardError("resume-sync: error: \(message)\n")
            return ExitCode(2)
        }
    }
}
