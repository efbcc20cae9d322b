// Chromium and xelatex for the sheet tests: found, or a loud failure saying
// how to install them (these tests are never skipped; CI installs both).

import { execFileSync } from "node:child_process";
import { findChromium } from "../../src/sheets/pdf.js";

export function chromiumOrFail(): string {
  try {
    return findChromium();
  } catch (e) {
    throw new Error(`the sheet tests need Chromium: apt-get install chromium (or set DERIVE_CHROMIUM). ${(e as Error).message}`);
  }
}

export function xelatexOrFail(): string {
  try {
    execFileSync("xelatex", ["--version"], { stdio: "ignore" });
    return "xelatex";
  } catch {
    throw new Error("the sheet tests need xelatex and the Amiri font: apt-get install texlive-xetex texlive-lang-arabic");
  }
}
