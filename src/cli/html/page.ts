import { html, raw, type Html } from './html.js'

/**
 * The shell of every HTML report icm writes: one self-contained file (DESIGN.md §9). The style
 * sheet is inline, charts are inline SVG, and a Content-Security-Policy forbids every script,
 * font, image and connection, so the file opens the same on a machine with no network and a
 * name or comment that slipped through as markup could still not run or fetch anything.
 */

/** The colour of each grade (bars, table cells, workbook cells): green to red. */
export const GRADE_COLOURS: Record<string, string> = { A: '#2e7d32', B: '#7cb342', C: '#f9a825', D: '#ef6c00', E: '#c62828' }

const STYLE = `
:root { --ink: #1f2328; --muted: #636c76; --line: #d0d7de; --band: #f6f8fa; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  color: var(--ink); margin: 0 auto; max-width: 1000px; padding: 24px; line-height: 1.45; font-size: 14px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 0 0 6px; }
.meta { color: var(--muted); margin: 2px 0; }
.state { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; font-size: 12px; border: 1px solid currentColor; }
.state-final { color: #1a7f37; } .state-draft, .state-provisional { color: #9a6700; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: var(--band); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.na { color: var(--muted); font-style: italic; }
.grade { font-weight: 700; color: #fff; text-align: center; border-radius: 3px; padding: 0 6px; display: inline-block; min-width: 22px; }
${Object.entries(GRADE_COLOURS)
  .map(([g, c]) => `.grade-${g} { background: ${c}; }`)
  .join('\n')}
figure { margin: 8px 0; } figure svg { max-width: 100%; height: auto; }
.unit { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin: 10px 0; }
.unit .charts { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.unit table { width: auto; }
details { margin-top: 6px; } summary { cursor: pointer; color: #0969da; }
details pre { white-space: pre-wrap; font-size: 12px; background: var(--band); padding: 8px; border-radius: 4px; }
.legend span { margin-right: 12px; } .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
.empty { color: var(--muted); }
@page { size: A4 portrait; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, .unit, figure { break-inside: avoid; page-break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`

export interface PageOptions {
  lang: string
  title: string
  body: Html
}

/** The whole document. */
export function htmlPage(p: PageOptions): string {
  return html`<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="icm">
<title>${p.title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
${p.body}
</body>
</html>
`.text
}

/** A grade as a coloured label ('' when there is none). */
export function gradeBadge(grade: string | null): Html {
  return grade === null ? html`` : html`<span class="grade grade-${grade}">${grade}</span>`
}
