// Bundles the library and the CLI into dist/ so that `derive` starts fast and
// `import ... from "derive"` works from plain Node with no TypeScript loader.
// Runs on `npm ci` (prepare) and before tests and benchmarks.
import { build } from "esbuild";

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  // jiti, katex, markdown-it and playwright-core stay external (real
  // dependencies; playwright-core is loaded only to print a PDF).
  external: ["jiti", "katex", "markdown-it", "playwright-core"],
};

await build({ ...common, entryPoints: ["src/index.ts"], outfile: "dist/index.js" });
// `derive sheet` imports its renderer (and with it KaTeX and markdown-it) when it
// runs, from a bundle of its own, so that the other commands do not pay ~0.1 s
// for them at start-up: the CLI bundle leaves that import to run time.
const sheetsApart = {
  name: "sheets-apart",
  setup(b) {
    b.onResolve({ filter: /\/sheets\/sheet\.js$/ }, (args) => (args.importer.endsWith("cli/sheet.ts") ? { path: "./sheets.js", external: true } : undefined));
    // derive annotate's renderer likewise, from dist/annotate.js
    b.onResolve({ filter: /\/annotate\/annotate\.js$/ }, (args) => (args.importer.endsWith("cli/annotate.ts") ? { path: "./annotate.js", external: true } : undefined));
  },
};
await build({ ...common, entryPoints: ["src/cli/main.ts"], outfile: "dist/cli.js", plugins: [sheetsApart] });
await build({ ...common, entryPoints: ["src/sheets/sheet.ts"], outfile: "dist/sheets.js" });
await build({ ...common, entryPoints: ["src/annotate/annotate.ts"], outfile: "dist/annotate.js" });
// derive/testing: the testing kit (src/testing/). fast-check is the user's own copy
// (a peer dependency), mathjs and ml-matrix are optional peers, never bundled.
await build({ ...common, entryPoints: ["src/testing/index.ts"], outfile: "dist/testing.js", external: [...common.external, "fast-check", "mathjs", "ml-matrix"] });
// derive/vitest: the matchers (src/vitest/). vitest and fast-check are the user's
// own copies; the kit and the checker are imported from the bundles beside it
// (./testing.js, ./index.js), so a test that imports both subpaths runs one copy.
const besideVitest = {
  name: "vitest-beside",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/(testing\/index|api)\.js$/ }, (args) =>
      args.importer.includes("/src/vitest/") ? { path: args.path.includes("testing") ? "./testing.js" : "./index.js", external: true } : undefined,
    );
  },
};
await build({ ...common, entryPoints: ["src/vitest/index.ts"], outfile: "dist/vitest.js", external: [...common.external, "vitest", "fast-check", "mathjs", "ml-matrix"], plugins: [besideVitest] });
// the PDF printer alone, for the sheets benchmark (bench/sheets.mjs)
await build({ ...common, entryPoints: ["src/sheets/pdf.ts"], outfile: "dist/sheets-pdf.js" });
