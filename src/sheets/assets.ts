// The files a sheet needs beside it, copied from the npm packages (never a
// CDN): KaTeX's stylesheet and fonts, and Vazirmatn for Persian prose, into
// DIR/assets/. Copying is idempotent: the same bytes every time.

import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

export function writeAssets(outDir: string): void {
  const katex = join(packageDir("katex"), "dist");
  const kDest = join(outDir, "assets", "katex");
  mkdirSync(join(kDest, "fonts"), { recursive: true });
  copyFileSync(join(katex, "katex.min.css"), join(kDest, "katex.min.css"));
  for (const f of readdirSync(join(katex, "fonts"))) copyFileSync(join(katex, "fonts", f), join(kDest, "fonts", f));
  const vazir = join(packageDir("vazirmatn"), "fonts", "webfonts");
  const vDest = join(outDir, "assets", "vazirmatn");
  mkdirSync(vDest, { recursive: true });
  for (const f of ["Vazirmatn-Regular.woff2", "Vazirmatn-Bold.woff2"]) copyFileSync(join(vazir, f), join(vDest, f));
  copyFileSync(join(packageDir("vazirmatn"), "OFL.txt"), join(vDest, "OFL.txt"));
}
