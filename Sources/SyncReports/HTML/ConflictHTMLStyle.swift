/// The page's only style sheet, inlined: no external fonts, images or scripts.
enum ConflictHTMLStyle {
    static let css = """
        :root { --bg: #f5f6f8; --card: #ffffff; --ink: #1f2430; --muted: #667085; --line: #e3e6ec;
          --accent: #3451b2; --ins: #d9f7e3; --ins-ink: #0f6b35; --del: #fde2e1; --del-ink: #a4231c; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--ink);
          font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        .wrap { max-width: 1240px; margin: 0 auto; padding: 0 28px; }
        header.top { background: #1d2433; color: #fff; padding: 26px 0 22px; }
        header.top h1 { margin: 0 0 4px; font-size: 22px; font-weight: 650; letter-spacing: -0.01em; }
        header.top p { margin: 0; color: #b8c0d0; }
        .counts { margin-top: 14px; display: flex; flex-wrap: wrap; gap: 8px; }
        .count { background: rgba(255, 255, 255, 0.09); border: 1px solid rgba(255, 255, 255, 0.14);
          border-radius: 8px; padding: 6px 12px; font-size: 13px; color: #e6e9f0; }
        .count b { font-size: 16px; margin-right: 4px; color: #fff; }
        main { padding: 26px 0 40px; }
        h2.section { font-size: 15px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted);
          margin: 8px 0 10px; }
        table { border-collapse: collapse; width: 100%; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
          box-shadow: 0 1px 2px rgba(16, 24, 40, 0.05); overflow: hidden; }
        table.summary th, table.summary td { padding: 9px 12px; text-align: left; vertical-align: top;
          border-bottom: 1px solid var(--line); }
        table.summary tr:last-child td { border-bottom: none; }
        th { background: #f9fafb; font-size: 12px; font-weight: 600; color: var(--muted);
          text-transform: uppercase; letter-spacing: 0.04em; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
          font-size: 12.5px; }
        .muted { color: var(--muted); }
        .nowrap { white-space: nowrap; }
        .badge { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 600;
          white-space: nowrap; border: 1px solid transparent; }
        .kind { background: #eef1f8; color: #3a4663; border-color: #dde3f0; }
        .kind-both_changed, .kind-duplicates { background: #fdecec; color: #a4231c; border-color: #f7caca; }
        .kind-hand_edit, .kind-archived { background: #fff4e0; color: #8a4b00; border-color: #fadca8; }
        .kind-plane_deleted, .kind-orphan { background: #f2ecfd; color: #5b2bb5; border-color: #ddd0f7; }
        .kind-failing, .kind-cannot_mirror, .kind-unmappable_value { background: #eaf2fe; color: #1d4f9c;
          border-color: #c9dbf8; }
        .status-pending { background: #fff8db; color: #7a5a00; border-color: #f3e2a1; }
        .status-resolved { background: #e3f6ea; color: #16683a; border-color: #bde6cb; }
        .status-superseded { background: #f0f1f4; color: #5c6370; border-color: #dfe2e8; }
        section.conflict { margin-top: 28px; padding: 20px 22px 22px; }
        .conflict-head { display: flex; flex-wrap: wrap; align-items: center; gap: 10px; }
        .conflict-head h3 { margin: 0; font-size: 18px; font-weight: 650; overflow-wrap: anywhere; }
        .conflict-id { color: var(--muted); font-size: 13px; }
        dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 6px 24px;
          margin: 14px 0; }
        dl.facts div { display: flex; gap: 8px; min-width: 0; }
        dl.facts dt { color: var(--muted); min-width: 92px; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        .message { background: #f7f8fb; border-left: 3px solid var(--accent); padding: 10px 14px;
          border-radius: 0 6px 6px 0; white-space: pre-wrap; margin: 0 0 16px; }
        table.fields { table-layout: fixed; border: 1px solid var(--line); border-radius: 8px; }
        table.fields th, table.fields td { padding: 8px 10px; text-align: left; vertical-align: top;
          border-bottom: 1px solid var(--line); border-left: 1px solid var(--line); }
        table.fields col.name { width: 14%; }
        table.fields td.name { font-weight: 600; overflow-wrap: anywhere; }
        .value { white-space: pre-wrap; overflow-wrap: anywhere; max-height: 360px; overflow: auto; margin: 0; }
        td.changed { background: #fffbeb; }
        td.same .value { color: var(--muted); }
        .none { color: var(--muted); font-style: italic; font-family: inherit; }
        ins { background: var(--ins); color: var(--ins-ink); text-decoration: none; border-radius: 3px; }
        del { background: var(--del); color: var(--del-ink); border-radius: 3px; }
        del + ins { margin-left: 3px; }
        .empty { color: var(--muted); font-style: italic; margin: 0; }
        .legend { margin: 10px 0 0; color: var(--muted); font-size: 12.5px; }
        footer { color: var(--muted); font-size: 12.5px; padding: 0 0 30px; }
        """
}
