// `npm run sheets:seeds`: each seed solution in ../shared/seeds annotated with
// the derivation files that transcribe it (derivations/<seed>-*.ts), into
// sheets/seeds/ (git-ignored), with a fixed seed so that reruns are identical.
// Not part of `npm test`: a lone clone of the project has no ../shared. Prints
// one line per document and the totals: steps marked in the margin, and
// formulas KaTeX could not render.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const seeds = join("..", "shared", "seeds");
if (!existsSync(seeds)) {
  console.error(`sheets:seeds: no ${seeds} beside the project; nothing to annotate`);
  process.exit(2);
}
const derivations = readdirSync("derivations").filter((f) => f.endsWith(".ts")).sort();
const totals = { marked: 0, steps: 0, failed: 0, formulas: 0 };
let exit = 0;
for (const doc of readdirSync(seeds).filter((f) => /^\d{3}_.*\.(txt|md)$/.test(f)).sort()) {
  const files = derivations.filter((f) => f.startsWith(`${doc.slice(0, 3)}-`)).map((f) => `derivations/${f}`);
  if (files.length === 0) continue;
  const r = spawnSync(process.execPath, ["bin/derive.js", "annotate", join(seeds, doc), "--with", ...files, "--out", "sheets/seeds", "--seed", "1", "--timeout", "600"], { encoding: "utf8" });
  process.stdout.write(r.stdout);
  const m = /(\d+) of (\d+) steps marked; (\d+) of (\d+) formulas/.exec(r.stderr);
  if (m) {
    totals.marked += Number(m[1]);
    totals.steps += Number(m[2]);
    totals.failed += Number(m[3]);
    totals.formulas += Number(m[4]);
    console.log(`  ${doc}: ${m[1]} of ${m[2]} steps marked, ${m[3]} of ${m[4]} formulas shown as source`);
  } else process.stderr.write(r.stderr);
  if (r.status !== 0) exit = r.status ?? 2;
}
const pct = totals.steps ? ((100 * totals.marked) / totals.steps).toFixed(1) : "0";
console.log(`seeds: ${totals.marked} of ${totals.steps} checked steps marked (${pct}%); ${totals.failed} of ${totals.formulas} formulas KaTeX could not render`);
process.exit(exit);
