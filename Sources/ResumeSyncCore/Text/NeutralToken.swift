/// A language-neutral fact found inside translatable text: a link, a date, a figure, a name.
///
/// Both languages must state the same facts, so the cross-language checks compare the tokens
/// of a source segment with those of its target segment by `value`, never by spelling:
/// `2017.10` and `Oct 2017` are one date, `20 万` and `200k` one number.
public struct NeutralToken: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case entity
        case url
        case email
        case phone
        case date
        case identifier
        case number
    }

    public var value: TokenValue
    /// The token as written.
    public var text: String
    /// Where the token is, in Unicode scalars from the start of the text it was found in.
    public var range: Range<Int>

    public init(value: TokenValue, text: String, range: Range<Int>) {
        self.value = value
        self.text = text
        self.range = range
    }

    public var kind: Kind { value.kind }

    /// The normalised value that comparisons use (`200000`, `2017-10`, `+86 15921592066`).
    public var key: String { value.key }

    public var description: String { "\(kind.rawValue)(\(text) = \(key))" }
}

/// A token's normalised value, by kind.
public enum TokenValue: Hashable, Sendable {
    /// `&name;`: kept for the entity check, taken first so no other kind sees its letters.
    case entity(String)
    /// Scheme (http, https or none) dropped, scheme and host lowercased: `gaocegege.com`.
    case url(String)
    /// Lowercased, without `mailto:`.
    case email(String)
    case phone(PhoneNumber)
    case date(DateToken)
    case identifier(LatinToken)
    case number(NumberToken)

    public var kind: NeutralToken.Kind {
        switch self {
        case .entity: return .entity
        case .url: return .url
        case .email: return .email
        case .phone: return .phone
        case .date: return .date
        case .identifier: return .identifier
        case .number: return .number
        }
    }

    public var key: String {
        switch self {
        case .entity(let name): return "&\(name);"
        case .url(let url): return url
        case .email(let address): return address
        case .phone(let phone): return phone.key
        case .date(let date): return date.key
        case .identifier(let token): return token.text
        case .number(let number): return number.key
        }
    }
}
