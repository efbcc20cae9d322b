// What a refuted step's frame says beyond its counterexample (issue 15, part
// 6): the likely slips the checker re-verified (check/diagnose/), and the
// entries where the two sides differ at the (shrunk) counterexample
// (check/entries.ts), as a table whose differing cells are highlighted. Shared
// by the sheet (./html.ts) and the annotated document's margin marks
// (annotate/html.ts). Every string is escaped here; a highlighted cell is
// also marked by its text (the difference, where agreeing cells show `·`) and
// bold type, so the table reads without colour and in print.

import type { Counterexample as CheckedPoint } from "../check/claim.js";
import type { Diagnosis } from "../check/diagnose/index.js";
import { differenceCells } from "../check/entries.js";
import { formatValue } from "../check/values.js";
import { Tensor } from "../core/tensor.js";
import { stripBidiControls } from "./direction.js";
import { escapeHtml } from "./escape.js";
import type { StepOutcome } from "../dsl/run.js";
import type { Words } from "./words.js";

const text = (s: string): string => escapeHtml(stripBidiControls(s));

/** `<ul class="diagnoses">` with one `<li class="diagnosis" data-kind>` per slip; "" when there is none. */
export function diagnosesHtml(ds: readonly Diagnosis[], w: Pick<Words, "diagnosis" | "checkedClaim">): string {
  if (ds.length === 0) return "";
  const items = ds.map(
    (d) =>
      `<li class="diagnosis" data-kind="${escapeHtml(d.kind)}"><strong>${escapeHtml(w.diagnosis)} (${escapeHtml(d.kind)}):</strong> <span class="message">${text(d.message)}</span>` +
      ` <span class="holds">(${escapeHtml(w.checkedClaim)}: <code dir="ltr">${text(d.holds)}</code>)</span></li>`,
  );
  return `<ul class="diagnoses">${items.join("")}</ul>`;
}

/**
 * The differing entries of a refuted matrix-valued step: for a matrix of at
 * most GRID_MAX x GRID_MAX the whole grid of lhs - rhs with the differing
 * cells `<td class="differs" data-index="i,j">`, else the largest differences
 * listed (index, both sides, difference), one `<tr class="differs">` each.
 * "" for a scalar claim or a point without entries.
 */
export function entriesHtml(c: CheckedPoint | null, w: Pick<Words, "entries" | "entriesOf" | "entry" | "lhs" | "rhs" | "difference" | "more">): string {
  const e = c?.entries;
  if (!c || !e || e.count === 0) return "";
  const caption = `<caption>${escapeHtml(w.entries)}: ${escapeHtml(w.entriesOf(e.count, e.of))}</caption>`;
  const open = `<table class="entries" data-count="${e.count}" data-of="${e.of}" dir="ltr">`;
  const grid = matrix(c.lhs) && matrix(c.rhs) ? differenceCells(Tensor.fromRows(c.lhs as number[][]), Tensor.fromRows(c.rhs as number[][])) : null;
  if (grid) {
    const rows = grid.map(
      (r, i) =>
        `<tr><th scope="row">${i + 1}</th>${r.map((d, j) => (d === null ? `<td class="same">·</td>` : `<td class="differs" data-index="${i + 1},${j + 1}"><mark>${escapeHtml(formatValue(d, 4))}</mark></td>`)).join("")}</tr>`,
    );
    const head = `<thead><tr><th></th>${grid[0]!.map((_, j) => `<th scope="col">${j + 1}</th>`).join("")}</tr></thead>`;
    return `${open}${caption}${head}<tbody>${rows.join("")}</tbody></table>`;
  }
  const f = (v: number): string => escapeHtml(formatValue(v, 6));
  const rows = e.shown.map((d) => `<tr class="differs" data-index="${d.index.join(",")}"><th scope="row">[${d.index.join(", ")}]</th><td>${f(d.lhs)}</td><td>${f(d.rhs)}</td><td><mark>${f(d.diff)}</mark></td></tr>`);
  if (e.count > e.shown.length) rows.push(`<tr><td colspan="4">${escapeHtml(w.more(e.count - e.shown.length))}</td></tr>`);
  const head = `<thead><tr><th scope="col">${escapeHtml(w.entry)}</th><th scope="col">${escapeHtml(w.lhs)}</th><th scope="col">${escapeHtml(w.rhs)}</th><th scope="col">${escapeHtml(w.difference)}</th></tr></thead>`;
  return `${open}${caption}${head}<tbody>${rows.join("")}</tbody></table>`;
}

/** A JSON value that is a matrix (rows of numbers), not a scalar or a rank > 2 tensor. */
function matrix(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0 && v.every((r) => Array.isArray(r) && r.every((x) => typeof x === "number"));
}

/**
 * What follows a step through (issue 15, parts 4 and 5), beside its frame: a
 * shape error's slip, `<p class="shape-slip" data-then>` ("Shape slip: the
 * transpose of W fits: ... (then verified)", dsl/shape-slip.ts), and a refuted
 * step's check with the author's earlier numbers, `<p class="carried"
 * data-carried data-from="L11 ...">` ("Error carried forward: consistent with
 * the value at line 11 (z = 0.35)", dsl/carried.ts). The carried check is told
 * under a refuted step only, as in the reporters: the verdict that counts is
 * the one against the truth. Words, not colour, say what each is; "" when
 * there is neither. Not `data-verdict`: that names a step's own mark, and
 * pages are read by it (tests, scripts over the sheets).
 */
export function followThroughHtml(o: Pick<StepOutcome, "verdict" | "shapeSlip" | "carried">, w: Pick<Words, "shapeSlip" | "then" | "carried">): string {
  const out: string[] = [];
  const slip = o.shapeSlip;
  if (slip)
    out.push(
      `<p class="shape-slip" data-then="${escapeHtml(slip.verdict)}"><strong>${escapeHtml(w.shapeSlip)}:</strong> <span class="message" dir="ltr">${text(slip.message)}</span>` +
        ` <span class="then">(${escapeHtml(w.then(slip.verdict))})</span></p>`,
    );
  const c = o.carried;
  if (c && o.verdict === "refuted") {
    const from = [...new Set(c.from.map((f) => `L${f.line}`))].join(" ");
    out.push(`<p class="carried" data-carried="${escapeHtml(c.verdict)}" data-from="${escapeHtml(from)}"><strong>${escapeHtml(w.carried)}:</strong> <span class="message" dir="ltr">${text(c.message)}</span></p>`);
  }
  return out.join("");
}
