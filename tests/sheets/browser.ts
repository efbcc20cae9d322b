// A Chromium page for the browser tests of sheets and annotate: the system
// Chromium launched once, every request that is not file: aborted and
// recorded, console errors recorded; optionally uncaught page errors counted
// as console errors and dialogs recorded and dismissed (a page must run no script).

import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../../src/sheets/pdf.js";

export interface Watched {
  /** console errors (and uncaught page errors, with `pageErrors`) */
  readonly consoleErrors: string[];
  /** every request that left the machine (aborted) */
  readonly outside: string[];
  /** messages of the dialogs the page opened (dismissed); recorded only when given */
  readonly dialogs?: string[];
  /** count uncaught page errors among the console errors */
  readonly pageErrors?: boolean;
}

export async function watchedPage(chromium: string, viewport: { width: number; height: number }, seen: Watched): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await launchChromium(chromium);
  // scripts are enabled here on purpose: the page must be safe even so
  const context = await browser.newContext({ viewport });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    seen.outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") seen.consoleErrors.push(m.text());
  });
  if (seen.pageErrors) page.on("pageerror", (e) => seen.consoleErrors.push(String(e)));
  const dialogs = seen.dialogs;
  if (dialogs)
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  return { browser, context, page };
}
