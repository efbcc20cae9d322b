#!/usr/bin/env node
// The `derive` executable: a thin launcher for the bundled CLI (built by `npm ci`/`npm run build`).
// A closed pipe (`derive ops | head -1`) ends the process quietly, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err && err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}
import("../dist/cli.js").then((m) => m.main(process.argv.slice(2))).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`derive: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
