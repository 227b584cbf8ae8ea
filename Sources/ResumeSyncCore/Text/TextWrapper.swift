/// Breaks text into lines no wider than a number of terminal columns, measured by display width.
///
/// Chinese characters take two columns, so counting characters would overflow a column of mixed
/// text. Lines break at spaces between Latin words and anywhere between Han (and other wide)
/// characters, but never before closing punctuation such as `，` or `)` nor after opening
/// punctuation such as `（` or `(`. A word wider than the line breaks after a `/` or `-` where
/// it has one (`zh/` `projects.xml:4:3`), and hard where it must, so nothing is cut off. The text travels as tagged runs so that a renderer can style each piece after wrapping:
/// escape codes never count towards a width.
public enum TextWrapper {
    /// A piece of text and the tag (a style, say) it carries through wrapping.
    public struct Run<Tag: Hashable & Sendable>: Hashable, Sendable {
        public var text: String
        public var tag: Tag

        public init(_ text: String, tag: Tag) {
            self.text = text
            self.tag = tag
        }
    }

    /// Wraps plain text; a line break in the text starts a new line.
    ///
    /// `width` below 2 is taken as 2, the width of one Chinese character.
    public static func wrap(_ text: String, width: Int) -> [String] {
        wrap([Run(text, tag: 0)], width: width).map { line in line.map(\.text).joined() }
    }

    /// Wraps tagged runs into lines of runs; adjacent pieces with the same tag are merged.
    public static func wrap<Tag>(_ runs: [Run<Tag>], width: Int) -> [[Run<Tag>]] {
        let width = max(width, 2)
        var lines: [[Cell<Tag>]] = []
        for paragraph in paragraphs(runs) {
            lines += fill(atoms(paragraph), width: width)
        }
        return lines.map(merge)
    }

    /// The display width of a line of runs.
    public static func width<Tag>(of line: [Run<Tag>]) -> Int {
        line.reduce(0) { $0 + DisplayWidth.of($1.text) }
    }

    // MARK: - Cells and atoms

    struct Cell<Tag: Hashable & Sendable> {
        var character: Character
        var tag: Tag
        var width: Int
        var isSpace: Bool
    }

    /// A piece that stays on one line if it can, with the spaces that came before it.
    struct Atom<Tag: Hashable & Sendable> {
        var spacesBefore: [Cell<Tag>]
        var cells: [Cell<Tag>]
        var width: Int { cells.reduce(0) { $0 + $1.width } }
        var spacesWidth: Int { spacesBefore.reduce(0) { $0 + $1.width } }
    }

    static func paragraphs<Tag>(_ runs: [Run<Tag>]) -> [[Cell<Tag>]] {
        var paragraphs: [[Cell<Tag>]] = [[]]
        for run in runs {
            for character in run.text {
                if character.isNewline {
                    paragraphs.append([])
                } else if character.isWhitespace {
                    paragraphs[paragraphs.count - 1].append(Cell(character: " ", tag: run.tag, width: 1, isSpace: true))
                } else {
                    let width = DisplayWidth.of(String(character))
                    paragraphs[paragraphs.count - 1].append(Cell(character: character, tag: run.tag, width: width, isSpace: false))
                }
            }
        }
        return paragraphs
    }

    static func atoms<Tag>(_ cells: [Cell<Tag>]) -> [Atom<Tag>] {
        var atoms: [Atom<Tag>] = []
        var spaces: [Cell<Tag>] = []
        var current: [Cell<Tag>] = []
        func flush() {
            if !current.isEmpty { atoms.append(Atom(spacesBefore: spaces, cells: current)) }
            current = []
            spaces = []
        }
        for cell in cells {
            if cell.isSpace {
                if !current.isEmpty { flush() }
                spaces.append(cell)
                continue
            }
            if let previous = current.last, mayBreak(between: previous, and: cell) { flush() }
            current.append(cell)
        }
        flush()
        return atoms
    }

    /// A line may break between two non-space characters when either is wide (Han, kana,
    /// Hangul, full-width forms), unless punctuation holds them together.
    static func mayBreak<Tag>(between left: Cell<Tag>, and right: Cell<Tag>) -> Bool {
        guard left.width == 2 || right.width == 2 else { return false }
        return !closing.contains(right.character) && !opening.contains(left.character)
    }

    /// Inside a Latin word too wide for the line: after a `/` or `-` followed by a letter.
    static func mayBreakInsideWord<Tag>(between left: Cell<Tag>, and right: Cell<Tag>) -> Bool {
        (left.character == "/" || left.character == "-") && right.character.isLetter
    }

    /// A word too wide for the line, in pieces at its `/` and `-`.
    static func pieces<Tag>(of atom: Atom<Tag>) -> [Atom<Tag>] {
        var pieces = [Atom(spacesBefore: atom.spacesBefore, cells: [])]
        for cell in atom.cells {
            if let last = pieces[pieces.count - 1].cells.last, mayBreakInsideWord(between: last, and: cell) {
                pieces.append(Atom(spacesBefore: [], cells: []))
            }
            pieces[pieces.count - 1].cells.append(cell)
        }
        return pieces
    }

    static let closing: Set<Character> = Set("，。、；：？！）」』】》〉〕］｝”’…·,.;:!?)]}%")
    static let opening: Set<Character> = Set("（「『【《〈〔［｛“‘([{")

    // MARK: - Filling lines

    static func fill<Tag>(_ atoms: [Atom<Tag>], width: Int) -> [[Cell<Tag>]] {
        var lines: [[Cell<Tag>]] = []
        var line: [Cell<Tag>] = []
        var used = 0
        func newLine() {
            lines.append(line)
            line = []
            used = 0
        }
        for whole in atoms {
            for atom in whole.width > width ? pieces(of: whole) : [whole] {
                if !line.isEmpty, used + atom.spacesWidth + atom.width <= width {
                    line += atom.spacesBefore + atom.cells
                    used += atom.spacesWidth + atom.width
                    continue
                }
                if !line.isEmpty { newLine() }
                // The atom starts a line; break it hard where it is wider than the line.
                for cell in atom.cells {
                    if used + cell.width > width, !line.isEmpty { newLine() }
                    line.append(cell)
                    used += cell.width
                }
            }
        }
        lines.append(line)
        return lines
    }

    static func merge<Tag>(_ cells: [Cell<Tag>]) -> [Run<Tag>] {
        var runs: [Run<Tag>] = []
        for cell in cells {
            if let last = runs.last, last.tag == cell.tag {
                runs[runs.count - 1].text.append(cell.character)
            } else {
                runs.append(Run(String(cell.character), tag: cell.tag))
            }
        }
        return runs
    }
}
