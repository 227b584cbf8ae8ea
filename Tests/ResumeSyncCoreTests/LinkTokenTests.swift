import Testing
@testable import ResumeSyncCore

/// URLs, e-mail addresses and phone numbers in text, and their normal forms.
@Suite struct LinkTokenTests {
    func tokens(_ text: String, _ kind: NeutralToken.Kind) -> [String] {
        NeutralTokenizer.tokens(in: text).filter { $0.kind == kind }.map(\.key)
    }

    @Test func urls() {
        #expect(tokens("主页 https://gaocegege.com/", .url) == ["gaocegege.com"])
        #expect(tokens("see http://GaoCeGeGe.com.", .url) == ["gaocegege.com"])
        #expect(tokens("gaocegege.com（200k 阅读）", .url) == ["gaocegege.com"])
        #expect(tokens("https://github.com/kubeflow/katib。", .url) == ["github.com/kubeflow/katib"])
        #expect(tokens("(see https://en.wikipedia.org/wiki/Go_(language))", .url) == ["en.wikipedia.org/wiki/Go_(language)"])
        #expect(tokens("www.example.org/a?b=1#c", .url) == ["www.example.org/a?b=1#c"])
        #expect(tokens("ftp://files.example.org/x", .url) == ["ftp://files.example.org/x"])
        #expect(tokens("github.com/gaocegege", .url) == ["github.com/gaocegege"])
    }

    @Test func notURLs() {
        #expect(tokens("Processing.R", .url) == [])
        #expect(tokens("Node.js", .url) == [])
        #expect(tokens("ce.gao@outlook.com", .url) == [])
        #expect(tokens("e.g. this", .url) == [])
    }

    @Test func emails() {
        #expect(tokens("邮箱 ce.gao@outlook.com。", .email) == ["ce.gao@outlook.com"])
        #expect(tokens("mailto:CE.Gao@Outlook.com", .email) == ["ce.gao@outlook.com"])
        #expect(tokens("@gaocegege", .email) == [])
    }

    @Test func phonesWithCountryCodeAgree() throws {
        let written = ["(+86) 1592-1592-066", "+86 159 2159 2066", "+86-159-2159-2066", "tel:+86 15921592066"]
        let keys = written.flatMap { tokens($0, .phone) }
        #expect(keys.count == written.count)
        #expect(Set(keys) == ["+86 15921592066"])
    }

    @Test func aNumberWithoutCountryCodeMatchesOneWithIt() throws {
        let local = try #require(phone("15921592066"))
        let international = try #require(phone("+86 159 2159 2066"))
        #expect(local.isSameNumber(as: international))
        #expect(international.isSameNumber(as: local))
        let other = try #require(phone("+1 159 2159 2066"))
        #expect(!other.isSameNumber(as: international))
        #expect(try #require(phone("159-2159-2067")).isSameNumber(as: international) == false)
    }

    @Test func notPhones() {
        #expect(tokens("2019-04-12", .phone) == [])
        #expect(tokens("100 200 300 400", .phone) == [])
        #expect(tokens("1318/20651", .phone) == [])
        #expect(tokens("2017-2018-2019", .phone) == [])
        #expect(tokens("20651", .phone) == [])
    }

    /// Eight digits are the fewest a number with `+` may have (the scanner gives up on fewer
    /// before reading any), ten without.
    @Test func theShortestNumbersAreRead() {
        for written in ["+12345678", "(+86) 123 456", "tel:+1 234 5678", "123-4567-890", "(010) 1234-567"] {
            #expect(tokens(written, .phone).count == 1, "\(written)")
        }
        for written in ["+1234567", "(+86) 123 45", "+1 234 567", "123-4567-89", "(010) 1234-56"] {
            #expect(tokens(written, .phone) == [], "\(written)")
        }
    }

    @Test func aPhoneStopsWhereTheNumberIsComplete() {
        let all = NeutralTokenizer.tokens(in: "+86 159 2159 2066 100 nodes")
        #expect(all.map(\.kind) == [.phone, .number, .identifier])
    }

    func phone(_ text: String) -> PhoneNumber? {
        for token in NeutralTokenizer.tokens(in: text) {
            if case .phone(let phone) = token.value { return phone }
        }
        return nil
    }
}
