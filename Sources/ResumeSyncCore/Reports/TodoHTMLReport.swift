/// `todo --format html`: one self-contained page to work from. Progress bars overall and per
/// file, items coloured by status, the two languages side by side, and a filter by status that
/// works from `file://` (inline script, no server, nothing fetched: no external script, style,
/// font or image).
///
/// The filter reads `#filter=stale,missing` (or `?filter=…`) from the address, so a link can open
/// the page filtered; ticking the boxes updates the address. Once the script has run, the `<html>`
/// element carries `data-todo-ready="true"` (and `data-todo-error` if a script error happened),
/// which the browser test reads.
public struct TodoHTMLReport: Sendable {
    /// The tool's version, injected so that the page is a pure function of the report.
    public var version: String

    public init(version: String) {
        self.version = version
    }

    public func render(_ report: TodoReport) -> String {
        let source = HTMLText.escape(report.sourceLanguage.code)
        let target = HTMLText.escape(report.targetLanguage.code)
        var html: [String] = []
        html.append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="resume-sync \(HTMLText.escape(version))">
            <title>Translation TODO: \(source) → \(target), \(report.overall.percent)% in sync</title>
            <style>
            \(Self.styleSheet)</style>
            </head>
            <body>
            <div class="page">
            <header class="top">
            <h1>Translation TODO <span class="direction"><span lang="\(source)">\(source)</span> → <span lang="\(target)">\(target)</span></span></h1>
            <div class="overall">
            \(Self.bar(report.overall, label: "entries in sync overall", big: true))
            <p class="figure"><strong>\(report.overall.percent)%</strong> in sync: \(report.overall.done) of \(report.overall.total) \(report.overall.total == 1 ? "entry" : "entries")\(Self.itemCount(report.items.count))</p>
            </div>
            """)
        if !report.hasBaseline {
            html.append("<p class=\"note\">There is no baseline (<code>resume-sync.lock</code>), so staleness is not checked. Once the trees are in sync, <code>resume-sync accept --all</code> creates it.</p>")
        }
        html.append("</header>")
        html.append(fileTable(report))
        html.append(filter(report))
        html.append("<main>")
        let itemsByFile = report.itemsByFile
        for file in report.files {
            guard let items = itemsByFile[file.file], !items.isEmpty else { continue }
            html.append("<section class=\"file\" id=\"\(HTMLText.escape(Self.anchor(file.file)))\">")
            html.append("<h2><span class=\"name\">\(HTMLText.escape(file.file.rawValue))</span>"
                + Self.bar(file.progress, label: "entries in sync in \(file.file.rawValue)", big: false)
                + "<span class=\"figure\">\(file.progress.done) / \(file.progress.total) in sync</span></h2>")
            html.append("<ol class=\"items\">")
            for item in items { html.append(self.item(item, source: source, target: target)) }
            html.append("</ol>")
            html.append("</section>")
        }
        if report.items.isEmpty {
            html.append("<p class=\"done\">Nothing to do: every entry is in sync.</p>")
        }
        html.append("<p class=\"empty-filter\" id=\"empty-filter\" hidden>No item matches the filter.</p>")
        html.append("</main>")
        html.append("<footer>Made by resume-sync \(HTMLText.escape(version)) with <code>resume-sync todo --format html</code>.</footer>")
        html.append("</div>")
        html.append("<script>\n\(Self.script)</script>")
        html.append("</body>\n</html>")
        return html.joined(separator: "\n") + "\n"
    }

    func fileTable(_ report: TodoReport) -> String {
        var rows: [String] = []
        let itemsByFile = report.itemsByFile
        for file in report.files {
            let name = HTMLText.escape(file.file.rawValue)
            let link = itemsByFile[file.file]?.isEmpty == false
                ? "<a href=\"#\(HTMLText.escape(Self.anchor(file.file)))\">\(name)</a>" : name
            let counts = file.ruleCounts.isEmpty
                ? "<span class=\"ok\">in sync</span>"
                : file.ruleCounts.map { Self.badge($0.rule, count: $0.count) }.joined(separator: " ")
            rows.append("<tr><td class=\"file-name\">\(link)</td><td class=\"num\">\(file.progress.done) / \(file.progress.total)</td>"
                + "<td class=\"progress\">\(Self.bar(file.progress, label: "entries in sync in \(file.file.rawValue)", big: false))"
                + "<span class=\"percent\">\(file.progress.percent)%</span></td><td>\(counts)</td></tr>")
        }
        return """
            <table class="files">
            <thead><tr><th>File</th><th class="num">In sync</th><th>Progress</th><th>Needs work</th></tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table>
            """
    }

    func filter(_ report: TodoReport) -> String {
        guard !report.ruleCounts.isEmpty else { return "" }
        let boxes = report.ruleCounts.map { count in
            "<label class=\"chip \(HTMLText.statusClass(count.rule))\"><input type=\"checkbox\" value=\"\(HTMLText.escape(count.rule.id))\" checked> "
                + "\(HTMLText.escape(count.rule.id)) <span class=\"count\">\(count.count)</span></label>"
        }
        return """
            <nav class="filter" id="filter" aria-label="Filter by status">
            <span class="filter-label">Show</span>
            \(boxes.joined(separator: "\n"))
            <button type="button" id="show-all">all</button> <button type="button" id="show-none">none</button>
            <span class="shown" id="shown-count"></span>
            </nav>
            """
    }

    func item(_ item: TodoItem, source: String, target: String) -> String {
        let status = item.rules.first.map(HTMLText.statusClass) ?? "other"
        var html = "<li class=\"item status-\(status)\" data-rules=\"\(HTMLText.escape(item.rules.map(\.id).joined(separator: " ")))\" data-key=\"\(HTMLText.escape(item.key.description))\">\n"
        html += "<div class=\"item-head\"><code class=\"key\">\(HTMLText.escape(item.key.description))</code> "
            + item.rules.map { Self.badge($0, count: nil) }.joined(separator: " ") + "</div>\n"
        let messages = item.findings.filter { $0.rule != .stale || item.source == nil }
        if !messages.isEmpty {
            html += "<ul class=\"messages\">" + messages.map { "<li>\(HTMLText.message($0.message))</li>" }.joined() + "</ul>\n"
        }
        if item.source != nil || item.target != nil {
            html += "<div class=\"sides\">\n"
            var change = ""
            if let pieces = item.sourceChange {
                let edited = item.targetEditedSinceBaseline ? " <span class=\"edited\">(\(target) was edited since too)</span>" : ""
                change = "<div class=\"change\"><div class=\"side-head\">\(source) since the baseline\(edited)</div>"
                    + "<p class=\"text\" lang=\"\(source)\">\(HTMLText.change(pieces))</p></div>"
            }
            html += Self.side(item.source, language: source, role: "source", extra: change) + "\n"
            html += Self.side(item.target, language: target, role: "target", extra: "") + "\n"
            html += "</div>\n"
        }
        if !item.nested.isEmpty {
            html += "<details class=\"nested\" open><summary>\(item.nested.count == 1 ? "1 nested entry" : "\(item.nested.count) nested entries") arrive with it</summary><ul>"
                + item.nested.map { "<li><code>\(HTMLText.escape($0.key.description))</code> <span lang=\"\(source)\">\(HTMLText.escape($0.text))</span></li>" }.joined()
                + "</ul></details>\n"
        }
        html += "<ul class=\"merge\">" + item.mergeActions.map { action in
            "<li class=\"\(action.kind.rawValue)\">\(HTMLText.message(action.description))</li>"
        }.joined() + "</ul>\n"
        html += "</li>"
        return html
    }

    static func side(_ side: DiffReport.Block.Side?, language: String, role: String, extra: String) -> String {
        guard let side else {
            return "<div class=\"side \(role) absent\"><div class=\"side-head\"><span class=\"lang\">\(language)</span> absent</div>\(extra)</div>"
        }
        let text = side.text.isEmpty ? "<span class=\"absent\">(no text)</span>" : HTMLText.escape(side.text)
        return "<div class=\"side \(role)\"><div class=\"side-head\"><span class=\"lang\">\(language)</span> "
            + "<span class=\"where\">\(HTMLText.escape(side.location.description))</span></div>"
            + "<p class=\"text\" lang=\"\(language)\">\(text)</p>\(extra)</div>"
    }

    static func bar(_ progress: SyncProgress, label: String, big: Bool) -> String {
        let state = progress.isComplete ? " complete" : ""
        return "<span class=\"bar\(big ? " big" : "")\(state)\" role=\"progressbar\" aria-label=\"\(HTMLText.escape(label))\" "
            + "aria-valuemin=\"0\" aria-valuemax=\"\(progress.total)\" aria-valuenow=\"\(progress.done)\">"
            + "<span style=\"width: \(progress.percent)%\"></span></span>"
    }

    static func badge(_ rule: Rule, count: Int?) -> String {
        let number = count.map { " <span class=\"count\">\($0)</span>" } ?? ""
        return "<span class=\"badge \(HTMLText.statusClass(rule))\">\(HTMLText.escape(rule.id))\(number)</span>"
    }

    static func anchor(_ file: RelativePath) -> String {
        "file-" + file.rawValue
    }

    static func itemCount(_ count: Int) -> String {
        switch count {
        case 0: return ""
        case 1: return "; 1 item needs work"
        default: return "; \(count) items need work"
        }
    }
}
