/// `mismatch-attribute` and `mismatch-neutral`: what is language-neutral must be equal on both
/// sides, attribute by attribute and neutral element by neutral element, aligned by path.
public struct NeutralContentCheck: EntryCheck {
    public var rule: Rule { .mismatchAttribute }
    public var readsOnlyThePair: Bool { true }

    public init() {}

    public func findings(for pair: EntryPair, in context: CheckContext) -> [Finding] {
        guard let (source, target) = pair.bothSides else { return [] }
        // The same values at the same paths, in the same order (most pairs): nothing differs.
        let sourceList = source.content.neutralValues
        let targetList = target.content.neutralValues
        if sourceList.count == targetList.count,
           zip(sourceList, targetList).allSatisfy({ $0.path == $1.path && $0.value == $1.value }) {
            return []
        }
        let sourceValues = Self.byPath(source.content.neutralValues)
        let targetValues = Self.byPath(target.content.neutralValues)
        let sourceFields = Set(source.content.fields)
        let targetFields = Set(target.content.fields)
        var findings: [Finding] = []
        for path in Set(sourceValues.keys).union(targetValues.keys).sorted() {
            let left = sourceValues[path]
            let right = targetValues[path]
            guard left?.value != right?.value else { continue }
            // A field present on one side only is a structure finding, not one per attribute.
            let field = Self.fieldPath(of: path)
            if let field, sourceFields.contains(field) != targetFields.contains(field) { continue }
            let kind = (left ?? right)?.kind ?? .attribute
            let rule: Rule = kind == .attribute ? .mismatchAttribute : .mismatchNeutral
            let what = kind == .attribute ? "attribute \(Self.describe(path))" : "neutral text <\(path)>"
            let message: String
            switch (left, right) {
            case let (left?, right?):
                message = "\(what) differs: '\(left.value)' in \(context.source.displayRoot), '\(right.value)' in \(context.target.displayRoot)"
            case let (left?, nil):
                message = "\(what) is '\(left.value)' in \(context.source.displayRoot) and absent from \(context.target.displayRoot)"
            case let (nil, right?):
                message = "\(what) is '\(right.value)' in \(context.target.displayRoot) and absent from \(context.source.displayRoot)"
            case (nil, nil):
                continue
            }
            findings.append(context.finding(rule, pair, message, sourceValue: left?.value, targetValue: right?.value))
        }
        return findings
    }

    static func byPath(_ values: [NeutralValue]) -> [String: NeutralValue] {
        Dictionary(values.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// `period[1]@from` → `period[1]`; an attribute of the entry itself has no field.
    static func fieldPath(of path: String) -> String? {
        guard let at = path.lastIndex(of: "@") else { return path }
        let field = String(path[..<at])
        return field.isEmpty ? nil : field
    }

    static func describe(_ path: String) -> String {
        guard let at = path.lastIndex(of: "@") else { return path }
        let field = path[..<at]
        let name = path[path.index(after: at)...]
        return field.isEmpty ? "'\(name)'" : "'\(name)' of <\(field)>"
    }
}

/// `mismatch-entity`: entity references are opaque tokens, never expanded, so the two sides
/// must reference the same ones, as often.
public struct EntityCheck: EntryCheck {
    public var rule: Rule { .mismatchEntity }
    public var readsOnlyThePair: Bool { true }

    public init() {}

    public func findings(for pair: EntryPair, in context: CheckContext) -> [Finding] {
        guard let (source, target) = pair.bothSides,
              source.content.entityReferences != target.content.entityReferences
        else { return [] }
        let left = source.content.entityReferences.sorted()
        let right = target.content.entityReferences.sorted()
        guard left != right else { return [] }
        let show = { (names: [String]) in names.isEmpty ? "none" : names.map { "&\($0);" }.joined(separator: " ") }
        return [context.finding(
            .mismatchEntity, pair,
            "entity references differ: \(show(left)) in \(context.source.displayRoot), \(show(right)) in \(context.target.displayRoot)",
            sourceValue: show(left), targetValue: show(right))]
    }
}

/// `mismatch-structure`, of where the entries are: an entry must be nested in the same parent
/// on both sides. Where an entry is nested is not in its own bytes, so this check runs for
/// every pair, verified or not.
public struct NestingCheck: EntryCheck {
    public var rule: Rule { .mismatchStructure }

    public init() {}

    public func findings(for pair: EntryPair, in context: CheckContext) -> [Finding] {
        guard let (source, target) = pair.bothSides, source.parent != target.parent else { return [] }
        let describe = { (parent: EntryID?) in parent.map { "in \($0)" } ?? "at the top level" }
        return [context.finding(
            .mismatchStructure, pair,
            "\(pair.key) is nested \(describe(source.parent)) in \(context.source.displayRoot) but \(describe(target.parent)) in \(context.target.displayRoot)",
            sourceValue: source.parent?.rawValue, targetValue: target.parent?.rawValue)]
    }
}

/// `mismatch-structure`, of the entries' fields: fields are aligned by name and position, so
/// both sides must have the same number of each. (Where each entry is nested is `NestingCheck`'s.)
public struct StructureCheck: EntryCheck {
    public var rule: Rule { .mismatchStructure }
    public var readsOnlyThePair: Bool { true }

    public init() {}

    public func findings(for pair: EntryPair, in context: CheckContext) -> [Finding] {
        // The same fields (most pairs): the same counts.
        guard let (source, target) = pair.bothSides, source.content.fields != target.content.fields else { return [] }
        var findings: [Finding] = []
        let left = Self.counts(source.content.fields)
        let right = Self.counts(target.content.fields)
        for group in Set(left.keys).union(right.keys).sorted() where left[group] != right[group] {
            let sourceCount = left[group] ?? 0
            let targetCount = right[group] ?? 0
            findings.append(context.finding(
                .mismatchStructure, pair,
                "\(Self.describe(group)) of \(pair.key): \(sourceCount) in \(context.source.displayRoot), \(targetCount) in \(context.target.displayRoot)",
                sourceValue: String(sourceCount), targetValue: String(targetCount)))
        }
        return findings
    }

    /// Fields grouped by parent path and name: `link[1]/code[2]` counts as `link[1]/code`.
    static func counts(_ fields: [String]) -> [String: Int] {
        var result: [String: Int] = [:]
        for field in fields {
            let group = field.hasSuffix("]") ? String(field[..<(field.lastIndex(of: "[") ?? field.endIndex)]) : field
            result[group, default: 0] += 1
        }
        return result
    }

    static func describe(_ group: String) -> String {
        guard let slash = group.lastIndex(of: "/") else { return "<\(group)> fields" }
        return "<\(group[group.index(after: slash)...])> fields in <\(group[..<slash])>"
    }
}
