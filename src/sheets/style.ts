// The sheet's stylesheet: screen and an A4 print layout. Verdict marks are a
// symbol and a word, and the borders differ in style (solid, double, dashed),
// so a black-and-white print still tells them apart; colour only adds to it.

export const SHEET_CSS = `
@font-face { font-family: Vazirmatn; src: url('assets/vazirmatn/Vazirmatn-Regular.woff2') format('woff2'); font-weight: 400; font-style: normal; }
@font-face { font-family: Vazirmatn; src: url('assets/vazirmatn/Vazirmatn-Bold.woff2') format('woff2'); font-weight: 700; font-style: normal; }
:root { --ink: #111; --muted: #555; --rule: #999; }
html { font-family: "Latin Modern Roman", "Times New Roman", serif; color: var(--ink); background: #fff; line-height: 1.45; }
body { max-width: 52rem; margin: 1.5rem auto; padding: 0 1rem; }
[lang=fa], [lang=ar], [dir=rtl] { font-family: Vazirmatn, "Noto Naskh Arabic", sans-serif; }
.math, .katex, .katex-display { direction: ltr; unicode-bidi: isolate; }
.math.display { overflow-x: auto; overflow-y: hidden; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .3rem; border-bottom: 1px solid var(--rule); }
.summary { border: 2px solid var(--ink); padding: .5rem .8rem; margin: 0 0 1rem; }
.summary dl { display: flex; flex-wrap: wrap; gap: .2rem 1.5rem; margin: 0; }
.summary dt { font-weight: 700; } .summary dd { margin: 0; }
.summary div { display: flex; gap: .4rem; }
.meta { color: var(--muted); font-size: .9rem; margin: 0 0 .6rem; }
.decls ul { list-style: none; padding: 0; margin: .2rem 0; }
.prose-header { color: var(--muted); font-size: .9rem; }
.step { border-inline-start: 4px solid var(--ink); padding: .2rem .8rem; margin: .8rem 0; page-break-inside: avoid; break-inside: avoid; }
.step[data-verdict=proved] { border-inline-start-style: solid; }
.step[data-verdict=verified] { border-inline-start-style: solid; border-inline-start-width: 2px; }
.step[data-verdict=refuted] { border-inline-start-style: double; border-inline-start-width: 6px; }
.step[data-verdict=error] { border-inline-start-style: dashed; }
.step.unchecked { border-inline-start-style: dotted; border-inline-start-width: 2px; }
.step[data-ok=false] { outline: 2px dashed var(--ink); outline-offset: 2px; }
.mark { font-weight: 700; }
.mark .sym { font-size: 1.2em; }
.mark .ok { font-weight: 400; }
.mark .ok.no { font-weight: 700; text-decoration: underline; }
.where, .detail { color: var(--muted); font-size: .85rem; overflow-wrap: anywhere; }
.note { margin: .3rem 0; overflow-wrap: anywhere; }
.note strong { font-weight: 700; }
table.cex { border-collapse: collapse; margin: .4rem 0; font-size: .9rem; }
table.cex caption { text-align: start; font-weight: 700; }
table.cex th, table.cex td { border: 1px solid var(--rule); padding: .15rem .5rem; text-align: start; vertical-align: top; }
table.cex td code { white-space: pre-wrap; overflow-wrap: anywhere; }
ul.diagnoses { margin: .3rem 0; padding-inline-start: 1.2rem; overflow-wrap: anywhere; }
p.carried, p.shape-slip { margin: .3rem 0; overflow-wrap: anywhere; }
.diagnosis .holds { color: var(--muted); font-size: .85rem; }
table.entries { border-collapse: collapse; margin: .4rem 0; font-size: .85rem; font-variant-numeric: tabular-nums; }
/* a small grid would squeeze its caption to its own width: the caption takes its own */
table.entries caption { text-align: start; font-weight: 700; width: max-content; max-width: 18rem; }
table.entries th, table.entries td { border: 1px solid var(--rule); padding: .1rem .4rem; text-align: end; }
table.entries td.same { color: var(--muted); text-align: center; }
table.entries .differs { font-weight: 700; border: 2px solid var(--ink); }
table.entries mark { background: #ffe08a; color: inherit; }
.pair { border: 1px solid var(--ink); padding: .2rem .6rem; margin: 1rem 0; page-break-inside: avoid; break-inside: avoid; }
.pair > .fix-label { font-weight: 700; margin: .4rem 0 0; }
.prose { margin: .6rem 0; overflow-wrap: anywhere; }
code.math-source { background: #eee; }
.file-error { border: 3px double var(--ink); padding: .5rem; }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  html { font-size: 10.5pt; }
  body { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; text-decoration: underline; }
  .math.display { overflow: visible; }
}
`;
