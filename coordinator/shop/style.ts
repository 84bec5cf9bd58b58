// The shop's stylesheet, inlined into the page (no external assets).
export const SHOP_STYLE = `
  :root { --ink: #1f1a16; --muted: #6f665c; --paper: #f7f3ed; --card: #fff; --line: #e7dfd3; --accent: #7a4b2a; --accent-ink: #fff; --ok: #2f7a4a; --warn: #9a6a12; --bad: #a3302a; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--paper); }
  .bar { display: flex; justify-content: space-between; align-items: center; padding: .9rem 1.5rem; background: var(--card); border-bottom: 1px solid var(--line); }
  .brand { font-family: Georgia, "Times New Roman", serif; font-size: 1.25rem; letter-spacing: .04em; }
  .tag { font-size: .8rem; color: var(--muted); }
  .product { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.1fr); gap: 2.5rem; max-width: 68rem; margin: 2.5rem auto; padding: 0 1.5rem; }
  @media (max-width: 50rem) { .product { grid-template-columns: 1fr; } }
  .photo { margin: 0; background: linear-gradient(160deg, #efe6da, #e2d4c1); border-radius: 18px; display: grid; place-items: center; padding: 2rem; aspect-ratio: 1; }
  .photo svg { width: 80%; height: auto; filter: drop-shadow(0 12px 18px rgb(60 30 10 / 25%)); }
  .maker { text-transform: uppercase; letter-spacing: .12em; font-size: .8rem; color: var(--muted); margin: 0; }
  h1 { font-family: Georgia, "Times New Roman", serif; font-weight: 400; font-size: 2.3rem; margin: .2rem 0; }
  .price { font-size: 1.3rem; margin: 0 0 1rem; }
  .facts { display: grid; grid-template-columns: auto 1fr; gap: .25rem 1rem; font-size: .9rem; color: var(--muted); }
  .facts dd { margin: 0; color: var(--ink); }
  button { font: inherit; border-radius: 999px; padding: .75rem 1.4rem; cursor: pointer; border: 1px solid var(--accent); }
  button:disabled { opacity: .55; cursor: progress; }
  .primary { background: var(--accent); color: var(--accent-ink); margin-top: 1rem; }
  .secondary { background: transparent; color: var(--accent); margin-top: .75rem; }
  .panel { margin-top: 1.5rem; background: var(--card); border: 1px solid var(--line); border-radius: 16px; padding: 1.25rem 1.5rem; }
  .panel h2 { font-size: 1.1rem; margin: 0 0 .75rem; }
  .share { display: flex; gap: 1.25rem; align-items: flex-start; flex-wrap: wrap; }
  .qr { width: 11rem; flex: none; background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: .35rem; }
  .qr svg { display: block; width: 100%; height: auto; }
  .share-text { flex: 1; min-width: 14rem; }
  .share-text p { margin: 0 0 .5rem; color: var(--muted); font-size: .92rem; }
  .link { display: block; word-break: break-all; font: 12.5px/1.4 ui-monospace, Menlo, Consolas, monospace; background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: .5rem .65rem; color: var(--accent); }
  .answer { min-height: 1.2em; font-size: .88rem; }
  .answer.ok { color: var(--ok); } .answer.warn { color: var(--warn); }
  .steps { display: flex; gap: .5rem; list-style: none; padding: 0; margin: 1.25rem 0 .5rem; counter-reset: step; }
  .steps li { flex: 1; font-size: .85rem; color: var(--muted); padding-top: .6rem; border-top: 4px solid var(--line); }
  .steps li.current { color: var(--ink); border-top-color: var(--warn); }
  .steps li.done { color: var(--ok); border-top-color: var(--ok); }
  .status-line { margin: .25rem 0; font-weight: 600; }
  .panel[data-stage="failed"] .status-line { color: var(--bad); }
  .bound code { word-break: break-all; font-size: .85rem; }
  .error { margin-top: 1rem; border: 1px solid var(--bad); background: #fbeceb; color: var(--bad); border-radius: 10px; padding: .75rem 1rem; }
  .error p { margin: .25rem 0 0; color: var(--ink); font-size: .92rem; }
`;
