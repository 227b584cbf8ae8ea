/// The HTML report's style sheet and script, inlined in the page so that it needs nothing else.
extension TodoHTMLReport {
    static let styleSheet = """
        :root {
          color-scheme: light dark;
          --bg: #f6f8fa; --card: #ffffff; --text: #1f2328; --muted: #59636e; --border: #d1d9e0;
          --track: #e6eaef; --ok: #1a7f37; --missing: #cf222e; --orphan: #6e7781;
          --untranslated: #8250df; --stale: #bc4c00; --mismatch: #0969da; --other: #57606a;
          --ins: #dafbe1; --del: #ffebe9;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #0d1117; --card: #161b22; --text: #e6edf3; --muted: #9198a1; --border: #3d444d;
            --track: #30363d; --ok: #3fb950; --missing: #f85149; --orphan: #9198a1;
            --untranslated: #ab7df8; --stale: #f0883e; --mismatch: #4493f8; --other: #9198a1;
            --ins: #1f4a2c; --del: #5d1f21;
          }
        }
        * { box-sizing: border-box; }
        [hidden] { display: none !important; }
        body {
          margin: 0; background: var(--bg); color: var(--text);
          font: 15px/1.6 system-ui, -apple-system, "Segoe UI", "Noto Sans", Roboto, "Helvetica Neue", Arial,
            "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
        }
        :lang(zh), :lang(ja), :lang(ko) {
          font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
            "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif;
        }
        code { font: 13px/1.4 ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        .page { max-width: 1180px; margin: 0 auto; padding: 24px 20px 48px; }
        h1 { margin: 0 0 12px; font-size: 26px; }
        h1 .direction { color: var(--muted); font-weight: 500; }
        .overall .figure { margin: 6px 0 0; color: var(--muted); }
        .overall .figure strong { color: var(--text); font-size: 20px; }
        .note { border-left: 4px solid var(--stale); padding: 6px 12px; background: var(--card); }
        .bar { display: inline-block; vertical-align: middle; width: 160px; height: 8px; border-radius: 4px;
          background: var(--track); overflow: hidden; }
        .bar > span { display: block; height: 100%; background: var(--stale); }
        .bar.complete > span { background: var(--ok); }
        .bar.big { display: block; width: 100%; height: 16px; border-radius: 8px; }
        table.files { width: 100%; border-collapse: collapse; margin: 20px 0; background: var(--card);
          border: 1px solid var(--border); border-radius: 8px; }
        table.files th, table.files td { padding: 6px 12px; border-bottom: 1px solid var(--border); text-align: left; }
        table.files th { font-size: 13px; color: var(--muted); font-weight: 600; }
        table.files .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        table.files .progress { white-space: nowrap; }
        .percent { display: inline-block; width: 3.5em; text-align: right; color: var(--muted);
          font-variant-numeric: tabular-nums; }
        .ok { color: var(--ok); font-weight: 600; }
        a { color: var(--mismatch); }
        .badge { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 12px; font-weight: 600;
          line-height: 20px; color: #fff; background: var(--c, var(--other)); white-space: nowrap; }
        .badge .count { opacity: 0.85; }
        .missing { --c: var(--missing); } .orphan { --c: var(--orphan); } .untranslated { --c: var(--untranslated); }
        .stale { --c: var(--stale); } .mismatch { --c: var(--mismatch); } .other { --c: var(--other); }
        .filter { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 8px; align-items: center;
          padding: 10px 12px; margin: 0 -12px; background: var(--bg); border-bottom: 1px solid var(--border); }
        .filter-label { font-weight: 600; }
        .chip { display: inline-flex; gap: 4px; align-items: center; padding: 2px 10px; border-radius: 999px;
          border: 2px solid var(--c); cursor: pointer; user-select: none; font-size: 14px; }
        .chip:has(input:checked) { background: var(--c); color: #fff; }
        .chip input { margin: 0; accent-color: var(--c); }
        .filter button { font: inherit; font-size: 13px; padding: 2px 10px; border-radius: 6px;
          border: 1px solid var(--border); background: var(--card); color: var(--text); cursor: pointer; }
        .shown { color: var(--muted); font-size: 13px; margin-left: auto; }
        section.file { margin-top: 28px; }
        section.file h2 { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; font-size: 19px; margin: 0 0 8px; }
        section.file h2 .figure { font-size: 14px; font-weight: 400; color: var(--muted); }
        ol.items { list-style: none; margin: 0; padding: 0; }
        .item { background: var(--card); border: 1px solid var(--border); border-left: 6px solid var(--c);
          border-radius: 8px; padding: 12px 16px; margin: 12px 0; }
        .status-missing { --c: var(--missing); } .status-orphan { --c: var(--orphan); }
        .status-untranslated { --c: var(--untranslated); } .status-stale { --c: var(--stale); }
        .status-mismatch { --c: var(--mismatch); } .status-other { --c: var(--other); }
        .item-head { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
        .item-head .key { font-weight: 600; font-size: 14px; }
        ul.messages { margin: 6px 0 0; padding-left: 20px; color: var(--muted); font-size: 14px; }
        .sides { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin-top: 10px; }
        @media (max-width: 720px) { .sides { grid-template-columns: 1fr; } }
        .side { background: var(--bg); border-radius: 6px; padding: 8px 12px; min-width: 0; }
        .side.absent { border: 2px dashed var(--border); background: transparent; color: var(--muted); }
        .side-head { font-size: 12px; color: var(--muted); }
        .side-head .lang { display: inline-block; min-width: 2.2em; font-weight: 700; text-transform: uppercase; color: var(--text); }
        .side .text { margin: 4px 0 0; font-size: 16px; overflow-wrap: anywhere; }
        .change { margin-top: 10px; padding-top: 8px; border-top: 1px dashed var(--border); }
        .edited { color: var(--stale); }
        ins { background: var(--ins); text-decoration: none; border-bottom: 2px solid var(--ok); }
        del { background: var(--del); }
        .absent { font-style: italic; }
        details.nested { margin-top: 8px; font-size: 14px; }
        details.nested ul { margin: 4px 0; padding-left: 20px; }
        ul.merge { list-style: none; margin: 10px 0 0; padding: 0; font-size: 14px; }
        ul.merge li::before { content: "→ "; color: var(--muted); }
        ul.merge .needs-person { color: var(--stale); font-weight: 600; }
        ul.merge .insert, ul.merge .create-file, ul.merge .copy-neutral { color: var(--ok); font-weight: 600; }
        ul.merge .left-alone { color: var(--muted); }
        .done, .empty-filter { padding: 24px; text-align: center; color: var(--muted); font-size: 18px; }
        footer { margin-top: 40px; color: var(--muted); font-size: 13px; }

        """

    static let script = """
        (function () {
          "use strict";
          var root = document.documentElement;
          window.addEventListener("error", function (event) {
            root.setAttribute("data-todo-error", String(event.message));
          });
          var boxes = Array.prototype.slice.call(document.querySelectorAll("#filter input[type=checkbox]"));
          var items = Array.prototype.slice.call(document.querySelectorAll("li.item"));
          var sections = Array.prototype.slice.call(document.querySelectorAll("section.file"));
          function wanted() {
            return boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
          }
          function apply() {
            var rules = wanted();
            var shown = 0;
            items.forEach(function (item) {
              var visible = item.getAttribute("data-rules").split(" ").some(function (rule) {
                return rules.indexOf(rule) >= 0;
              });
              item.hidden = !visible;
              if (visible) { shown += 1; }
            });
            sections.forEach(function (section) {
              section.hidden = !section.querySelector("li.item:not([hidden])");
            });
            var count = document.getElementById("shown-count");
            if (count) { count.textContent = shown + " of " + items.length + " items shown"; }
            var empty = document.getElementById("empty-filter");
            if (empty) { empty.hidden = shown > 0 || items.length === 0; }
            root.setAttribute("data-filter", rules.length === boxes.length ? "all" : rules.join(","));
          }
          function fromAddress() {
            var match = /(?:^[#?]|&)filter=([^&]*)/.exec(location.hash) || /(?:^[#?]|&)filter=([^&]*)/.exec(location.search);
            if (!match) {
              boxes.forEach(function (box) { box.checked = true; });
              return;
            }
            var rules = decodeURIComponent(match[1]).split(",");
            boxes.forEach(function (box) { box.checked = rules.indexOf(box.value) >= 0; });
          }
          function toAddress() {
            var rules = wanted();
            var hash = rules.length === boxes.length ? "" : "#filter=" + rules.join(",");
            try {
              history.replaceState(null, "", hash || location.pathname + location.search);
            } catch (error) {
              location.hash = hash;
            }
          }
          boxes.forEach(function (box) {
            box.addEventListener("change", function () { apply(); toAddress(); });
          });
          function setAll(checked) {
            boxes.forEach(function (box) { box.checked = checked; });
            apply();
            toAddress();
          }
          var all = document.getElementById("show-all");
          var none = document.getElementById("show-none");
          if (all) { all.addEventListener("click", function () { setAll(true); }); }
          if (none) { none.addEventListener("click", function () { setAll(false); }); }
          window.addEventListener("hashchange", function () { fromAddress(); apply(); });
          fromAddress();
          apply();
          root.setAttribute("data-todo-ready", "true");
        })();

        """
}
