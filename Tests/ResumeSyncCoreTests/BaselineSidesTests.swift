import Testing
@testable import ResumeSyncCore

/// A record's sides, kept as a short list, read and written as the dictionary they were.
@Suite struct BaselineSidesTests {
    static let zh = Baseline.Side(prose: Fingerprint(value: 1), neutral: Fingerprint(value: 2), text: "中文")
    static let en = Baseline.Side(prose: Fingerprint(value: 3), neutral: Fingerprint(value: 4), text: "English")
    static let de = Baseline.Side(prose: Fingerprint(value: 5), neutral: Fingerprint(value: 6), text: "Deutsch")

    @Test func sidesAreFoundSetAndRemovedByLanguage() {
        var sides: Baseline.Sides = ["zh": Self.zh, "en": Self.en]
        #expect(sides.count == 2)
        #expect(sides["zh"] == Self.zh)
        #expect(sides["en"] == Self.en)
        #expect(sides["de"] == nil)
        sides["en"] = Self.de
        #expect(sides["en"] == Self.de)
        #expect(sides.count == 2)
        sides["de"] = Self.de
        #expect(Set(sides.keys) == ["zh", "en", "de"])
        sides["zh"] = nil
        #expect(sides["zh"] == nil)
        #expect(Set(sides.keys) == ["en", "de"])
        #expect(sides.values.allSatisfy { $0 == Self.de })
        sides["en"] = nil
        sides["de"] = nil
        #expect(sides.isEmpty)
        #expect(sides == [:])
    }

    @Test func sidesCompareAsDictionariesDoInAnyOrder() {
        let one: Baseline.Sides = ["zh": Self.zh, "en": Self.en]
        #expect(one == ["en": Self.en, "zh": Self.zh])
        #expect(one != ["zh": Self.zh])
        #expect(one != ["zh": Self.zh, "en": Self.de])
        #expect(one != ["zh": Self.zh, "de": Self.en])
        #expect(one != ["zh": Self.zh, "en": Self.en, "de": Self.de])
        #expect(Baseline.Sides(["zh": Self.zh, "en": Self.en]) == one)
        #expect(one.dictionary == ["zh": Self.zh, "en": Self.en])
        #expect(Dictionary(uniqueKeysWithValues: one.map { ($0.key, $0.value) }) == ["zh": Self.zh, "en": Self.en])
    }

    @Test func aRecordOfThreeLanguagesOrOneRoundTripsThroughTheLock() throws {
        var baseline = Baseline()
        baseline.records[EntryKey(file: RelativePath("a.xml"), id: EntryID("x"))] = ["zh": Self.zh, "en": Self.en, "de": Self.de]
        baseline.records[EntryKey(file: RelativePath("a.xml"), id: EntryID("y"))] = ["en": Self.en]
        func content(_ text: String) -> EntryContent {
            EntryContent(text: text, segments: [], neutralValues: [], entityReferences: [], fields: [])
        }
        baseline.confirm(EntryKey(file: RelativePath("b.xml"), id: nil), source: (Language("zh"), content("源")), target: (Language("en"), content("target")))
        let read = try Baseline(parsing: baseline.serialized())
        #expect(read == baseline)
        #expect(read.records[EntryKey(file: RelativePath("a.xml"), id: EntryID("x"))]?.count == 3)
        #expect(read.side(EntryKey(file: RelativePath("a.xml"), id: EntryID("y")), language: Language("en"))?.text == "English")
        #expect(read.side(EntryKey(file: RelativePath("b.xml"), id: nil), language: Language("zh"))?.text == "源")
    }
}
