import Testing
@testable import ResumeSyncCore

/// Dates and periods in Chinese and English forms, read as values.
@Suite struct DateTokenTests {
    func dates(_ text: String) -> [String] {
        NeutralTokenizer.tokens(in: text).filter { $0.kind == .date }.map(\.key)
    }

    @Test(arguments: [
        ("2019年4月", "2019-04"), ("2019 年 4 月", "2019-04"), ("2019.04", "2019-04"), ("2019-04", "2019-04"),
        ("2019/4", "2019-04"), ("2018.11", "2018-11"), ("2019 年", "2019"), ("2020年6月12日", "2020-06-12"),
        ("2020 年 6 月 12 号", "2020-06-12"), ("2020.06.12", "2020-06-12"), ("２０１９年４月", "2019-04"),
        ("Apr 2019", "2019-04"), ("April 2019", "2019-04"), ("Apr. 2019", "2019-04"), ("Sept 2019", "2019-09"),
        ("04/2019", "2019-04"), ("June 12, 2020", "2020-06-12"), ("June 12th, 2020", "2020-06-12"),
        ("12 June 2020", "2020-06-12"), ("2020-06-12", "2020-06-12"),
    ])
    func singleDates(text: String, value: String) {
        #expect(dates(text) == [value], "\(text)")
    }

    @Test(arguments: [
        ("2019 年 4 月至 2020 年 1 月", "2019-04..2020-01"), ("2019年4月-2020年1月", "2019-04..2020-01"),
        ("2019.04 – 2020.01", "2019-04..2020-01"), ("2019.04~2020.01", "2019-04..2020-01"),
        ("2019.04～2020.01", "2019-04..2020-01"), ("2020年2月至今", "2020-02..present"),
        ("2020.02 - 现在", "2020-02..present"), ("2019 年 4 月至 6 月", "2019-04..2019-06"),
        ("2018 至 2019 年", "2018..2019"),
        ("Apr 2019 – Jan 2020", "2019-04..2020-01"), ("April 2019 to January 2020", "2019-04..2020-01"),
        ("2018–2019", "2018..2019"), ("2018 - 2019", "2018..2019"), ("Feb 2020 – Present", "2020-02..present"),
        ("Feb 2020 - Now", "2020-02..present"), ("2016 – present", "2016..present"),
    ])
    func periods(text: String, value: String) {
        #expect(dates(text) == [value], "\(text)")
    }

    @Test func chineseAndEnglishFormsAreEqual() {
        #expect(dates("2017.10") == dates("Oct 2017"))
        #expect(dates("2019 年 4 月至 2020 年 1 月") == dates("Apr 2019 – Jan 2020"))
        #expect(dates("2020年2月至今") == dates("Feb 2020 – Present"))
    }

    @Test func nearMissesAreNotDates() {
        #expect(dates("Google Code-In 2017") == [])
        #expect(dates("2018、2020") == [])
        #expect(dates("现在是工程师") == [])
        #expect(dates("We present the design") == [])
        #expect(dates("2019.13") == [])
        #expect(dates("3.14") == [])
        #expect(dates("1318/20651") == [])
        #expect(dates("May we") == [])
        #expect(dates("1850 年") == [])
    }

    @Test func precisionMatters() {
        #expect(dates("2019 年") != dates("2019 年 4 月"))
        #expect(dates("2019-04") != dates("2019-04-01"))
    }
}
