// Compares two `derive check --reporter json` outputs step by step: verdict,
// ok and method of every step, matched by file, line and claim. Prints each
// difference and exits 1 if there is one. Used to show that a change (or
// another seed) leaves every verdict as it was:
//   node bin/derive.js check derivations/*.ts --reporter json --seed 1 > a.json
//   node bin/derive.js check derivations/*.ts --reporter json --seed 2 > b.json
//   node scripts/compare-verdicts.mjs a.json b.json
import { readFileSync } from "node:fs";

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error("usage: node scripts/compare-verdicts.mjs A.json B.json");
  process.exit(2);
}
const steps = (path) => {
  const out = new Map();
  for (const f of JSON.parse(readFileSync(path, "utf8")).files) {
    if (f.error) out.set(`${f.file}: file error`, String(f.error));
    for (const s of f.steps ?? []) {
      let key = `${f.file}:${s.line}: ${s.claim}`;
      // several steps on one line with the same claim keep their order
      for (let k = 2; out.has(key); k++) key = `${f.file}:${s.line}: ${s.claim} #${k}`;
      out.set(key, `${s.verdict} ok=${s.ok} method=${s.method ?? "-"}`);
    }
  }
  return out;
};
const x = steps(a);
const y = steps(b);
let diff = 0;
for (const k of new Set([...x.keys(), ...y.keys()])) {
  if (x.get(k) !== y.get(k)) {
    diff++;
    console.log(`${k}\n  ${a}: ${x.get(k) ?? "(missing)"}\n  ${b}: ${y.get(k) ?? "(missing)"}`);
  }
}
console.log(`${x.size} and ${y.size} steps, ${diff} differences`);
process.exit(diff ? 1 : 0);
