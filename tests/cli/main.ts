// Runs the CLI in this process (src/cli/main.ts's main, no build, no spawn),
// collecting its stdout and stderr lines; and keeps DERIVE_CHROMIUM as it was
// between tests that change it. Shared by the sheet and annotate flag tests.

import { afterEach } from "vitest";
import { main } from "../../src/cli/main.js";

export async function runMain(argv: string[]): Promise<{ code: number; err: string[]; out: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, err, out };
}

/** After each test, DERIVE_CHROMIUM is set back to its value when the file was loaded. */
export function restoreChromiumAfterEach(): void {
  const saved = process.env.DERIVE_CHROMIUM;
  afterEach(() => {
    if (saved === undefined) delete process.env.DERIVE_CHROMIUM;
    else process.env.DERIVE_CHROMIUM = saved;
  });
}
