// `npm run sheets`: the answer sheets of every shipped derivation (HTML and
// TeX) in sheets/ (git-ignored), with a fixed seed so that reruns are identical.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const files = readdirSync("derivations").filter((f) => f.endsWith(".ts")).sort().map((f) => `derivations/${f}`);
const extra = process.argv.slice(2);
const r = spawnSync(process.execPath, ["bin/derive.js", "sheet", ...files, "--out", "sheets", "--format", "html", "--format", "tex", "--seed", "1", ...extra], { stdio: "inherit" });
process.exit(r.status ?? 2);
