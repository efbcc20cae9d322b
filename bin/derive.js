#!/usr/bin/env node
// The `derive` executable: a thin launcher for the bundled CLI (built by `npm ci`/`npm run build`).
import("../dist/cli.js").then((m) => m.main(process.argv.slice(2))).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`derive: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
