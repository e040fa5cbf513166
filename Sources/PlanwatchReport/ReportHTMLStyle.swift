/// The report's style sheet, inline in the page: readable on a screen, printable on A4 (the
/// colours kept in print, charts and short tables never split over pages, table heads repeated).
let reportStyleSheet = """
:root { --ink: #1d2733; --muted: #5b6773; --rule: #d5dae0; --band: #f4f6f8; --accent: #1f4e79; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.45 "DejaVu Sans", "Segoe UI", Arial, Helvetica, sans-serif; }
header.report { background: var(--accent); color: #fff; padding: 22px 32px 18px; }
header.report h1 { margin: 0 0 4px; font-size: 26px; font-weight: 700; letter-spacing: .2px; }
header.report p { margin: 0; color: #dfe8f1; }
main { max-width: 1080px; margin: 0 auto; padding: 8px 32px 40px; }
h2 { font-size: 19px; margin: 30px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 16px; margin: 22px 0 6px; }
p.note { color: var(--muted); margin: 4px 0 10px; font-size: 13px; }
.kpis { display: flex; flex-wrap: wrap; gap: 12px; margin: 14px 0 18px; }
.kpi { flex: 1 1 120px; border: 1px solid var(--rule); border-radius: 6px; padding: 10px 14px; background: var(--band); }
.kpi .number { display: block; font-size: 26px; font-weight: 700; line-height: 1.1; }
.kpi .label { display: block; color: var(--ink); font-size: 13px; font-weight: 600; }
.kpi .detail { display: block; color: var(--muted); font-size: 12px; }
.kpi.rate { border-left: 6px solid var(--accent); }
.kpi.on-time .number { color: #1d5f91; } .kpi.late .number { color: #b35d00; } .kpi.missed .number { color: #a5281b; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: 14px; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { background: var(--band); font-weight: 600; border-bottom: 2px solid #b8c0c8; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td, tr.total th { font-weight: 700; border-top: 2px solid #b8c0c8; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
table.heat thead th { white-space: normal; font-size: 12px; line-height: 1.3; vertical-align: bottom; }
table.heat td.cell { text-align: center; font-weight: 600; min-width: 64px; border: 1px solid #fff; }
table.heat th.n, table.heat td { text-align: center; }
table.heat tr > :last-child { border-left: 3px solid #fff; }
table.heat tbody th { font-weight: 600; }
table.heat td.cell small { display: block; font-weight: 400; font-size: 11px; }
table.heat td.empty { color: var(--muted); background: #fafbfc; text-align: center; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 13px; color: var(--muted); margin: 4px 0 10px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 10px 14px; margin: 8px 0 12px; }
figure.chart { margin: 0; border: 1px solid var(--rule); border-radius: 6px; padding: 6px 8px 4px; break-inside: avoid; }
figure.chart figcaption { font-size: 13px; font-weight: 600; }
figure.chart figcaption span { display: block; font-weight: 400; font-size: 12px; color: var(--muted); }
svg { display: block; width: 100%; height: auto; }
svg text { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; }
table.values { font-size: 12px; }
table.values td, table.values th { padding: 3px 4px; }
td.warning { background: #fde3c4; } td.critical { background: #f6c2bd; } td.missing { color: #a5281b; font-style: italic; }
td.status-late { color: #8a4700; white-space: nowrap; } td.status-missed { color: #a5281b; font-weight: 600; white-space: nowrap; }
table.tally tbody th { font-weight: 600; }
footer { color: var(--muted); font-size: 12px; margin-top: 30px; border-top: 1px solid var(--rule); padding-top: 8px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10pt; }
  header.report { padding: 10px 14px; }
  header.report h1 { font-size: 18pt; }
  main { max-width: none; padding: 0 4px; }
  h2 { break-after: avoid; margin-top: 16px; }
  h3 { break-after: avoid; }
  table { font-size: 9pt; }
  table.values { font-size: 7.5pt; }
  tr, .kpis, figure.chart, svg { break-inside: avoid; }
  .charts { grid-template-columns: repeat(3, 1fr); gap: 6px 8px; }
  section.rules, section.heat-map { break-inside: avoid; }
}
"""
