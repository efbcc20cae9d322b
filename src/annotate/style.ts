// The annotated page's layout, added to the sheets' stylesheet: a three-column
// row per block (first source line | the document as written | the marks).
// A mark reads without colour: a symbol, a word, and a border whose style
// differs by verdict (solid, thin, double, dashed); colour only adds to it.
// Hovering or focusing a mark (tabindex) shows the claim as checked and its
// file:line with CSS alone; print shows every claim and stacks the marks
// below their block when the page is narrow.

export const ANNOTATE_CSS = `
body.annotated { max-width: 78rem; }
.document { margin-top: 1rem; }
.row { display: grid; grid-template-columns: 2.6rem minmax(0, 1fr) 19rem; column-gap: .8rem; align-items: start; border-top: 1px dotted transparent; }
.row.marked { border-top-color: var(--rule); }
.row > .ln { color: var(--muted); font-size: .75rem; text-align: end; padding-top: .35rem; font-variant-numeric: tabular-nums; user-select: none; }
.row > .body { min-width: 0; overflow-wrap: anywhere; }
.row > .body > :first-child { margin-top: .3rem; }
.row > .body pre { overflow-x: auto; background: #f4f4f4; padding: .4rem; }
.row > .body table { border-collapse: collapse; } .row > .body td, .row > .body th { border: 1px solid var(--rule); padding: .15rem .4rem; }
.margin { position: relative; display: flex; flex-direction: column; gap: .3rem; padding: .3rem 0; font-size: .82rem; }
.mark { position: relative; border: 1px solid var(--ink); border-inline-start-width: 4px; padding: .15rem .4rem; background: #fff; }
.mark:focus { outline: 2px solid var(--ink); outline-offset: 1px; }
.mark[data-verdict=proved] { border-inline-start-style: solid; border-color: #1b5e20; }
.mark[data-verdict=verified] { border-inline-start-style: solid; border-inline-start-width: 2px; border-color: #2e7d32; }
.mark[data-verdict=refuted] { border-inline-start-style: double; border-inline-start-width: 6px; border-color: #b71c1c; }
.mark[data-verdict=error] { border-style: dashed; border-color: #e65100; }
.mark[data-ok=false] { outline: 2px dashed var(--ink); outline-offset: 1px; }
.mark .head { margin: 0; font-weight: 700; }
.mark .head .sym { font-size: 1.15em; }
.mark .head .ok { font-weight: 400; } .mark .head .ok.no { font-weight: 700; text-decoration: underline; }
.mark .head .cite { font-weight: 400; color: var(--muted); white-space: nowrap; }
.mark .pop { display: none; position: absolute; z-index: 5; top: 0; right: calc(100% + .5rem); width: min(34rem, 70vw); background: #fff; border: 2px solid var(--ink); padding: .3rem .6rem; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
.mark:hover .pop, .mark:focus .pop, .mark:focus-within .pop { display: block; }
.mark .pop-title { margin: 0; font-weight: 700; font-size: .8rem; }
.mark .pop .math.display { margin: .2rem 0; }
.mark .why { margin-top: .3rem; border-top: 1px solid var(--rule); }
.mark .why .math.display, .mark .correction .math.display { font-size: .9em; }
.mark .correction .fix-label { margin: .3rem 0 0; font-weight: 700; }
.mark table.cex { font-size: .8rem; }
.mark .why-outside { margin: .2rem 0; font-weight: 700; }
.unplaced { border: 1px solid var(--rule); padding: .3rem .6rem; margin: .6rem 0; }
.unplaced h2 { font-size: 1rem; margin: 0 0 .3rem; border: 0; }
.unplaced .mark { margin: .3rem 0; max-width: 40rem; }
.unplaced .mark .pop { position: static; display: block; width: auto; box-shadow: none; border-width: 1px; }
.failures, .math-uncited { margin: .4rem 0; font-size: .9rem; }
.math-fallback { display: inline-block; border: 1px dashed var(--ink); padding: 0 .3rem; max-width: 100%; overflow-wrap: anywhere; }
.math-fallback.display { display: block; margin: .4rem 0; }
.math-fallback .math-source { white-space: pre-wrap; background: #eee; }
.math-fallback .math-why { display: block; font-size: .8rem; color: var(--muted); font-family: sans-serif; }
.math-fallback .math-why::before { content: "⚠ "; }
@media (max-width: 60rem) {
  .row { grid-template-columns: 2rem minmax(0, 1fr); }
  .row > .margin { grid-column: 2; }
  .mark .pop { right: auto; left: 0; top: 100%; width: auto; min-width: 100%; }
}
@media print {
  body.annotated { max-width: none; }
  .row { grid-template-columns: 1.8rem minmax(0, 1fr) 15rem; break-inside: avoid; page-break-inside: avoid; }
  .mark { break-inside: avoid; }
  .mark .pop { display: block; position: static; width: auto; box-shadow: none; border: 0; border-top: 1px solid var(--rule); padding: .1rem 0; }
  .mark .pop .detail { display: none; }
  .failures, .math-uncited, .uncited { display: block; }
}
`;
