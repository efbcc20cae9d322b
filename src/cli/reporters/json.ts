// `--reporter json`: stdout is exactly the object of cli.md ("derive check").

import { toReport } from "../../runner/check.js";
import type { Reporter, ReporterContext } from "./types.js";

export function jsonReporter(ctx: ReporterContext): Reporter {
  return {
    start: () => {},
    file: () => {},
    end: (run) => ctx.io.out(JSON.stringify(toReport(run))),
  };
}
