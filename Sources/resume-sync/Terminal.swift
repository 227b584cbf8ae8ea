import ArgumentParser
import Foundation
import ResumeSyncCore
#if canImport(Glibc)
import Glibc
#endif

enum Terminal {
    /// Ends the process with `status` while `result` is still alive. A reconciliation of large
    /// trees is millions of objects (documents, entries, tokens); freeing them one by one on the
    /// way out cost a tenth of a whole `check`, and the system takes the memory back at once.
    static func exit(_ status: Int32, keeping result: some Any) -> Never {
        withExtendedLifetime(result) { Foundation.exit(status) }
    }

    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func standardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Colour only on a terminal, and never when `NO_COLOR` is set to anything (no-color.org).
    static var standardOutputWantsColor: Bool {
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}

extension Terminal {
    /// `body`'s value; an invocation error is printed (`resume-sync: error: …`) and becomes exit
    /// status 2, as DESIGN §6 has it for broken input.
    static func exitingOnInvocationError<Value>(_ body: () throws(InvocationError) -> Value) throws -> Value {
        do throws(InvocationError) {
            return try body()
        } catch {
            standardError("resume-sync: error: \(error.message)\n")
            throw ExitCode(2)
        }
    }
}
