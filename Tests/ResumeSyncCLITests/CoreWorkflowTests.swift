import Foundation
import Testing

/// The core issue's "Done when", end to end, on copies of the repository's resume.
@Suite struct CoreWorkflowTests {
    @Test func deletingAnEnglishBulletIsMissingAtTheChineseLine() throws {
        let folder = try Sandbox.resume()
        try folder.edit("en/work.xml", replacing: "    <item id=\"caicloud-tech-lead-trends\">Track industry trends and explore more advanced features</item>\n", with: "")
        let result = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdoutLines == [
            "zh/work.xml:10:5: error: work.xml#caicloud-tech-lead-trends is missing from en [missing]"
        ])
        #expect(result.stderr.contains("1 error, 0 warnings"))
    }

    @Test func rewordingAChineseBulletIsStaleUntilAccepted() throws {
        let folder = try Sandbox.resume()
        try folder.edit("zh/work.xml", replacing: "调研与设计产品新功能", with: "调研与规划产品新功能")
        let check = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(check.status == 1)
        #expect(check.stdoutLines == [
            "en/work.xml:9:5: error: the zh text changed since the baseline; update the en text, then run `resume-sync accept work.xml#caicloud-tech-lead-features` [stale]",
            "zh/work.xml:9:5: note: work.xml#caicloud-tech-lead-features in the source tree",
        ])

        let diff = try ResumeSyncCommand.run(["diff", "zh", "en"], in: folder)
        #expect(diff.status == 1)
        #expect(diff.stdout.contains("work.xml#caicloud-tech-lead-features  stale\n"))
        #expect(diff.stdout.contains("      调研与[-设计-]{+规划+}产品新功能，优化 Clever 产品架构\n"))
        // Exactly the changed words are marked: one removal, one insertion.
        #expect(diff.stdout.components(separatedBy: "[-").count == 2)
        #expect(diff.stdout.components(separatedBy: "{+").count == 2)

        let accept = try ResumeSyncCommand.run(["accept", "work.xml#caicloud-tech-lead-features"], in: folder)
        #expect(accept.status == 0)
        #expect(accept.stderr.contains("accepted 1 entry pair"))
        let again = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(again.status == 0)
        #expect(again.stdout.isEmpty)
    }

    @Test func changingANeutralAttributeOnOneSideIsAMismatch() throws {
        let folder = try Sandbox.resume()
        try folder.edit("en/work.xml", replacing: "<period from=\"2019-04\" to=\"2020-01\"/>", with: "<period from=\"2019-05\" to=\"2020-01\"/>")
        let result = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdoutLines == [
            "en/work.xml:14:3: error: attribute 'from' of <period[1]> differs: '2019-04' in zh, '2019-05' in en [mismatch-attribute]",
            "zh/work.xml:14:3: note: work.xml#caicloud-software-engineer in the source tree",
        ])
    }

    @Test func truncatedFileIsExitTwoWithLocationAndTheLockIsUntouched() throws {
        let folder = try Sandbox.resume()
        let lockBefore = try folder.read("resume-sync.lock")
        let text = try folder.read("en/work.xml")
        let cut = text.range(of: "<item id=\"caicloud-tech-lead-clever-community\"")!.lowerBound
        try folder.write("en/work.xml", String(text[..<cut]) + "<item id=\"caicl")
        let check = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(check.status == 2)
        let first = try #require(check.stdoutLines.first)
        #expect(first.hasPrefix("en/work.xml:11:"))
        #expect(first.contains(": error: "))
        #expect(first.hasSuffix("[parse-error]"))

        let accept = try ResumeSyncCommand.run(["accept", "--all"], in: folder)
        #expect(accept.status == 2)
        #expect(accept.stderr.contains("nothing was written"))
        #expect(try folder.read("resume-sync.lock") == lockBefore)
    }

    @Test func duplicateIDIsReportedAndExitsTwo() throws {
        let folder = try Sandbox.resume()
        try folder.edit("en/work.xml", replacing: "<item id=\"caicloud-tech-lead-trends\">", with: "<item id=\"caicloud-tech-lead-features\">")
        let result = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(result.status == 2)
        #expect(result.stdout.contains("en/work.xml:10:5: error: the ID 'caicloud-tech-lead-features' is used again here (first at line 9); IDs must be unique within a file [duplicate-id]"))
    }

    @Test func undeclaredEntityIsKeptAndComparedAcrossSides() throws {
        let folder = try Sandbox.resume()
        try folder.edit("zh/work.xml", replacing: "继续维护 Kubeflow 社区项目，论文成果", with: "继续维护 &kubeflow; 社区项目，论文成果")
        try folder.edit("en/work.xml", replacing: "<item id=\"caicloud-tech-lead-kubeflow\">Continue", with: "<item id=\"caicloud-tech-lead-kubeflow\">&kubeflow; Continue")
        try #require(try ResumeSyncCommand.run(["accept", "--all"], in: folder).status == 0)
        #expect(try ResumeSyncCommand.run(["check"], in: folder).status == 0)
        let diff = try ResumeSyncCommand.run(["diff", "--all"], in: folder)
        #expect(diff.stdout.contains("继续维护 &kubeflow; 社区项目"))

        try folder.edit("en/work.xml", replacing: "&kubeflow; Continue", with: "&katib; Continue")
        let result = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdoutLines.first == "en/work.xml:12:5: error: entity references differ: &kubeflow; in zh, &katib; in en [mismatch-entity]")
    }

    @Test func externalEntityFileNeverAppearsInAnyOutput() throws {
        let folder = try Sandbox.resume()
        let secret = try folder.emptySecretFile()
        let doctype = "<!DOCTYPE section [<!ENTITY xxe SYSTEM \"file://\(secret.path)\"><!ENTITY web SYSTEM \"http://127.0.0.1:9/x\">]>\n"
        for side in ["zh", "en"] {
            try folder.edit("\(side)/work.xml", replacing: "<section id=\"work\">", with: doctype + "<section id=\"work\">")
            try folder.edit("\(side)/work.xml", replacing: "<role>Technical Lead</role>", with: "<role>Technical Lead &xxe; &web;</role>")
        }
        var outputs = ""
        for arguments in [["check"], ["check", "--format", "json"], ["diff", "--all"], ["diff", "--all", "--format", "json"], ["accept", "--all"]] {
            let result = try ResumeSyncCommand.run(arguments, in: folder)
            #expect(result.status != 2, "\(arguments): \(result.stdout)\(result.stderr)")
            outputs += result.stdout + result.stderr
        }
        outputs += try folder.read("resume-sync.lock")
        #expect(outputs.contains("&xxe;"))
        #expect(!outputs.contains("TOP-SECRET-CONTENT"))
    }

    @Test func withoutALockCheckSaysHowToCreateOne() throws {
        let folder = try Sandbox.resume()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("resume-sync.lock"))
        let result = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(result.status == 0)
        #expect(result.stderr.contains("there is no baseline (resume-sync.lock)"))
        #expect(result.stderr.contains("`resume-sync accept --all`"))
        #expect(try ResumeSyncCommand.run(["accept", "--all"], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("resume-sync.lock").path))
        #expect(!(try ResumeSyncCommand.run(["check"], in: folder).stderr.contains("no baseline")))
    }

    @Test func conflictMarkersInTheLockAreALockError() throws {
        let folder = try Sandbox.resume()
        let lock = try folder.read("resume-sync.lock")
        let lines = lock.split(separator: "\n", omittingEmptySubsequences: false)
        try folder.write("resume-sync.lock", ([lines[0], "<<<<<<< HEAD"] + lines[1...]).joined(separator: "\n"))
        let result = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(result.status == 2)
        #expect(result.stdoutLines.first?.hasPrefix("resume-sync.lock:2:1: error: unresolved git merge conflict") == true)
        #expect(result.stdoutLines.first?.hasSuffix("[lock-error]") == true)
        // accept --all is the documented way out, and rewrites a clean lock.
        #expect(try ResumeSyncCommand.run(["accept", "--all"], in: folder).status == 0)
        #expect(try ResumeSyncCommand.run(["check"], in: folder).status == 0)
    }

    @Test func acceptingAnUnknownKeyIsAnInvocationError() throws {
        let folder = try Sandbox.resume()
        let lockBefore = try folder.read("resume-sync.lock")
        let result = try ResumeSyncCommand.run(["accept", "work.xml#no-such-entry"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("there is no entry work.xml#no-such-entry"))
        #expect(try folder.read("resume-sync.lock") == lockBefore)
    }

    @Test func acceptTakesKeysWithATreeFolderInFront() throws {
        let folder = try Sandbox.resume()
        try folder.edit("zh/work.xml", replacing: "调研与设计产品新功能", with: "调研与规划产品新功能")
        #expect(try ResumeSyncCommand.run(["accept", "en/work.xml#caicloud-tech-lead-features"], in: folder).status == 0)
        #expect(try ResumeSyncCommand.run(["check"], in: folder).status == 0)
    }
}

extension URL {
    /// A file outside the trees whose content must never be read into any output.
    func emptySecretFile() throws -> URL {
        let secret = appendingPathComponent("outside-secret.txt")
        try Data("TOP-SECRET-CONTENT\n".utf8).write(to: secret)
        return secret
    }
}
