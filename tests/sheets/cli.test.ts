// `derive sheet`'s flags: every mistake is one line on stderr and exit 2,
// before any file is checked; a missing browser for --format pdf names how to get one.

import { describe, expect, it } from "vitest";
import { mkdtempSync, symlinkSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { restoreChromiumAfterEach, runMain } from "../cli/main.js";
import { findChromium } from "../../src/sheets/pdf.js";

const run = runMain;
restoreChromiumAfterEach();

describe("derive sheet: usage errors", () => {
  it.each([
    [["derivations/cookbook.ts"], /--out DIR is required/],
    [["--out", "/tmp/never"], /name at least one derivation file/],
    [["derivations/cookbook.ts", "--out", "/tmp/never", "--format", "docx"], /--format must be html, tex or pdf, not 'docx'/],
    [["derivations/cookbook.ts", "--out", "/tmp/never", "--lang", "de"], /--lang must be en or fa, not 'de'/],
    [["derivations/cookbook.ts", "--out", "/tmp/never", "--seed", "-1"], /looks like an option|seed/],
    [["no-such-file.ts", "--out", "/tmp/never"], /no such file: no-such-file.ts/],
  ])("%j -> one line, exit 2", async (argv, message) => {
    const r = await run(["sheet", ...argv]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^derive sheet: /);
    expect(r.err[0]).toMatch(message);
  });

  it("--format pdf with DERIVE_CHROMIUM naming nothing runnable: exit 2 naming apt-get install chromium", async () => {
    process.env.DERIVE_CHROMIUM = "/nonexistent/chromium";
    const r = await run(["sheet", "derivations/cookbook.ts", "--out", "/tmp/never", "--format", "pdf"]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/apt-get install chromium/);
    expect(r.err[0]).toMatch(/DERIVE_CHROMIUM/);
  });
});

describe("derive sheet: where the PDF engine is found", () => {
  const dir = mkdtempSync(join(tmpdir(), "derive-chromium-"));
  const fake = join(dir, "fake-browser");
  writeFileSync(fake, "#!/bin/sh\n");
  chmodSync(fake, 0o755);

  it.each(["chromium", "chromium-browser", "google-chrome"])("on PATH as %s", (name) => {
    const bin = mkdtempSync(join(dir, "bin-"));
    symlinkSync(fake, join(bin, name));
    expect(findChromium({ PATH: `/nonexistent:${bin}` })).toBe(join(bin, name));
  });

  it("DERIVE_CHROMIUM comes first; an empty one is as if unset; none at all is a usage error naming both ways out", () => {
    const bin = mkdtempSync(join(dir, "bin-"));
    symlinkSync(fake, join(bin, "chromium"));
    expect(findChromium({ PATH: bin, DERIVE_CHROMIUM: fake })).toBe(fake);
    expect(findChromium({ PATH: bin, DERIVE_CHROMIUM: "" })).toBe(join(bin, "chromium"));
    expect(() => findChromium({ PATH: "/nonexistent" })).toThrow(/apt-get install chromium.*DERIVE_CHROMIUM/);
  });
});
