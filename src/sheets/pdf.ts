// PDF: the HTML sheet printed by a headless Chromium driven by playwright-core
// (the system's browser: Playwright's own download is not needed). One browser
// for all files; every request that is not a file: URL is refused, so a sheet
// cannot reach the network even if something slipped into it.

import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { DeriveError } from "../core/errors.js";

const NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/** Flags for a quiet, offline, throwaway browser. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-default-apps",
  "--disable-extensions",
];

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** DERIVE_CHROMIUM, else chromium / chromium-browser / google-chrome on PATH; a usage error (exit 2) naming how to get one. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const named = env.DERIVE_CHROMIUM;
  if (named !== undefined && named !== "") {
    if (executable(named)) return named;
    throw new DeriveError("usage", `DERIVE_CHROMIUM=${named} is not an executable file; install Chromium with 'apt-get install chromium' or point DERIVE_CHROMIUM at a Chrome/Chromium binary`);
  }
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    for (const n of NAMES) if (dir && executable(join(dir, n))) return join(dir, n);
  }
  throw new DeriveError("usage", "no Chromium found to print the PDF: install one with 'apt-get install chromium', or set DERIVE_CHROMIUM=/path/to/chromium (--format html and tex need no browser)");
}

/** Launches the browser (playwright-core, loaded only here); the caller closes it. */
export async function launchChromium(executablePath: string) {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/** Prints each HTML file to its PDF (A4, the sheet's print stylesheet). */
export async function printPdfs(executablePath: string, jobs: readonly { html: string; pdf: string }[]): Promise<void> {
  const browser = await launchChromium(executablePath);
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : route.abort()));
    const page = await context.newPage();
    for (const j of jobs) {
      await page.goto(pathToFileURL(j.html).href, { waitUntil: "load" });
      await page.evaluateHandle("document.fonts.ready").catch(() => undefined);
      await page.emulateMedia({ media: "print" });
      await page.pdf({ path: j.pdf, format: "A4", printBackground: true, preferCSSPageSize: true });
    }
  } finally {
    await browser.close();
  }
}
