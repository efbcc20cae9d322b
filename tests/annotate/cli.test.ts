// `derive annotate`'s flags: every mistake is one line on stderr and exit 2,
// before anything is checked; a missing browser for --format pdf names how to get one.

import { describe, expect, it } from "vitest";
import { restoreChromiumAfterEach, runMain } from "../cli/main.js";

const run = runMain;
restoreChromiumAfterEach();

const DOC = "docs/examples/annotate-solution.md";
const WITH = ["--with", "docs/examples/annotate-solution.ts"];

describe("derive annotate: usage errors", () => {
  it.each([
    [[DOC, ...WITH], /--out DIR is required/],
    [["--out", "/tmp/never", ...WITH], /name the document/],
    [[DOC, "--out", "/tmp/never"], /--with FILES\.\.\. is required/],
    [[DOC, ...WITH, "--out", "/tmp/never", "--format", "tex"], /--format must be html or pdf, not 'tex'/],
    [[DOC, ...WITH, "--out", "/tmp/never", "--timeout", "0"], /--timeout must be a positive number/],
    [["no-such-doc.md", ...WITH, "--out", "/tmp/never"], /no such document: no-such-doc.md/],
    [[DOC, "--with", "no-such-file.ts", "--out", "/tmp/never"], /no such file: no-such-file.ts/],
  ])("%j -> one line, exit 2", async (argv, message) => {
    const r = await run(["annotate", ...argv]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^derive annotate: /);
    expect(r.err[0]).toMatch(message);
  });

  it("--format pdf with DERIVE_CHROMIUM naming nothing runnable: exit 2 naming apt-get install chromium", async () => {
    process.env.DERIVE_CHROMIUM = "/nonexistent/chromium";
    const r = await run(["annotate", DOC, ...WITH, "--out", "/tmp/never", "--format", "pdf"]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/apt-get install chromium/);
  });

  it("--help prints the usage and exit 0", async () => {
    const r = await run(["annotate", "--help"]);
    expect(r.code).toBe(0);
    expect(r.out.join("\n")).toMatch(/derive annotate DOC\.md --with FILES\.\.\. --out DIR/);
  });
});
