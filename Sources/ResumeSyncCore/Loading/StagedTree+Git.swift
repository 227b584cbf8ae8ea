import Foundation

/// Runs `git` for `StagedTree`: its output as bytes, its failure as an `InvocationError` that
/// says what git said.
///
/// Output goes to temporary files rather than pipes, so that a large `cat-file` answer can
/// never fill a pipe that nobody reads yet. The environment is passed on unchanged: that is
/// how `GIT_INDEX_FILE` and `GIT_DIR` from a running `git commit` reach git.
struct GitRunner: Sendable {
    var directory: String

    func text(_ arguments: [String]) throws(InvocationError) -> String {
        String(decoding: try output(arguments, in: directory), as: UTF8.self)
    }

    func output(_ arguments: [String], in folder: String? = nil, input: [UInt8] = []) throws(InvocationError) -> [UInt8] {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("resume-sync-git-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw InvocationError("cannot run git: cannot create a temporary folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("in")
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder ?? directory)
        do {
            try Data(input).write(to: inURL)
            _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
            process.standardOutput = try FileHandle(forWritingTo: outURL)
            process.standardError = try FileHandle(forWritingTo: errURL)
            try process.run()
        } catch {
            throw InvocationError("cannot run git (`--staged` reads git's index with it): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        let output = (try? Data(contentsOf: outURL)).map { [UInt8]($0) } ?? []
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            let said = message.trimmingCharacters(in: .whitespacesAndNewlines)
            throw InvocationError("git \(arguments.first ?? "") failed\(said.isEmpty ? "" : ": \(said)")")
        }
        return output
    }

    /// The contents of `objects` (blob ids), read with one `git cat-file --batch`.
    func objects(_ objects: [String], in folder: String) throws(InvocationError) -> [String: [UInt8]] {
        guard !objects.isEmpty else { return [:] }
        let answer = try output(["cat-file", "--batch"], in: folder, input: Array(objects.map { $0 + "\n" }.joined().utf8))
        var result: [String: [UInt8]] = [:]
        var index = 0
        while index < answer.count {
            // "<object> <type> <size>\n<contents>\n", or "<object> missing\n".
            guard let end = answer[index...].firstIndex(of: 0x0A) else { break }
            let header = String(decoding: answer[index..<end], as: UTF8.self).split(separator: " ")
            index = end + 1
            guard header.count == 3, let size = Int(header[2]), index + size <= answer.count else { continue }
            result[String(header[0])] = Array(answer[index..<index + size])
            index += size + 1
        }
        return result
    }
}
