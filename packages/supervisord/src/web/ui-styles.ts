/** The web UI's stylesheet (served as `ui/app.css`). Light and dark schemes, phone layout. */
export const UI_STYLESHEET = `:root {
  color-scheme: light dark;
  --bg: #f5f7fa; --panel: #ffffff; --text: #1b2430; --muted: #5a6472; --border: #d9dee5;
  --accent: #1f5fbf; --accent-text: #ffffff; --danger: #b42318;
  --running-bg: #dcf5e3; --running-fg: #0f5a2a; --error-bg: #fde2e0; --error-fg: #8f1d14;
  --nominal-bg: #e7eaef; --nominal-fg: #384250; --note-bg: #fff4d6; --note-fg: #5c4300;
  --focus: #f0a500;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #12161c; --panel: #1b2028; --text: #e7ebf0; --muted: #a3adba; --border: #2f3642;
    --accent: #6ea8ff; --accent-text: #0b1320; --danger: #ff8a80;
    --running-bg: #153d25; --running-fg: #a6f0bf; --error-bg: #4a1a17; --error-fg: #ffc2bc;
    --nominal-bg: #2a313c; --nominal-fg: #d3d9e2; --note-bg: #3d3210; --note-fg: #ffe39a;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.top { display: flex; align-items: center; justify-content: space-between; gap: 1rem;
  padding: .75rem 1.25rem; background: var(--panel); border-bottom: 1px solid var(--border); }
.brand { display: flex; align-items: center; gap: .6rem; font-weight: 650; font-size: 1.1rem; color: inherit; text-decoration: none; }
.ident { color: var(--muted); font-size: .9rem; overflow-wrap: anywhere; }
main { max-width: 72rem; margin: 0 auto; padding: 1.25rem; }
h1 { font-size: 1.35rem; margin: 0; }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: .75rem; margin-bottom: 1rem; }
.toolbar .spacer { flex: 1; }
.summary { color: var(--muted); }
form.inline { display: inline; margin: 0; }
button, .button { font: inherit; font-size: .9rem; line-height: 1.2; padding: .45rem .8rem; border-radius: .45rem;
  border: 1px solid var(--border); background: var(--panel); color: var(--text); cursor: pointer;
  text-decoration: none; display: inline-block; }
button:hover, .button:hover { border-color: var(--accent); }
button.primary { background: var(--accent); color: var(--accent-text); border-color: var(--accent); }
button.danger { color: var(--danger); }
button[disabled] { opacity: .6; cursor: progress; }
[hidden] { display: none !important; }
.banner { padding: .6rem .9rem; border-radius: .45rem; margin-bottom: 1rem; background: var(--panel); border: 1px solid var(--border); }
.banner.note { background: var(--note-bg); color: var(--note-fg); border-color: transparent; font-weight: 600; }
.card { background: var(--panel); border: 1px solid var(--border); border-radius: .6rem; overflow: hidden; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: .6rem .8rem; border-bottom: 1px solid var(--border); vertical-align: middle; }
th { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 600; }
tbody tr:last-child td { border-bottom: 0; }
td.name a { font-weight: 600; overflow-wrap: break-word; }
td.actions-cell, td.logs { white-space: nowrap; }
td.desc { color: var(--muted); font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.badge { display: inline-block; min-width: 6.5rem; text-align: center; padding: .2rem .55rem; border-radius: 999px;
  font-size: .78rem; font-weight: 700; letter-spacing: .03em; }
.badge.running { background: var(--running-bg); color: var(--running-fg); }
.badge.error { background: var(--error-bg); color: var(--error-fg); }
.badge.nominal { background: var(--nominal-bg); color: var(--nominal-fg); }
.actions { display: flex; flex-wrap: nowrap; gap: .4rem; align-items: center; margin: 0; }
.links { display: inline-flex; gap: .7rem; font-size: .9rem; }
.empty { padding: 2rem; text-align: center; color: var(--muted); }
footer { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem 1.5rem; color: var(--muted); font-size: .85rem; }
pre.log { margin: 0; padding: 1rem; background: #0e1116; color: #e6edf3; border-radius: .6rem; overflow: auto;
  max-height: 75vh; white-space: pre-wrap; overflow-wrap: anywhere; font: 13px/1.45 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.confirm { max-width: 34rem; padding: 1.25rem; }
.confirm p { margin-top: 0; }
@media (max-width: 720px) {
  main { padding: .75rem; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table, tbody, tr, td { display: block; width: 100%; }
  tr { padding: .6rem .4rem; border-bottom: 1px solid var(--border); }
  tbody tr:last-child { border-bottom: 0; }
  td { border: 0; padding: .25rem .5rem; }
  td[data-label] { display: grid; grid-template-columns: 6.5rem 1fr; gap: .5rem; align-items: baseline; }
  td[data-label]::before { content: attr(data-label); color: var(--muted); font-size: .8rem; }
  td.state[data-label] { align-items: center; }
  .badge { justify-self: start; }
  td.actions-cell::before { display: none; }
  td.actions-cell, td.logs { white-space: normal; }
  .actions { flex-wrap: wrap; }
  td.actions-cell { padding-top: .45rem; }
  button, .button { padding: .6rem .9rem; }
}
`;
