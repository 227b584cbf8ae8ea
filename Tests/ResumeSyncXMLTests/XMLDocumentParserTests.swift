import Testing
@testable import ResumeSyncXML

@Suite struct XMLDocumentParserTests {
    func parse(_ text: String) throws -> XMLDocumentTree {
        try XMLDocumentParser.parse(Array(text.utf8))
    }
}
