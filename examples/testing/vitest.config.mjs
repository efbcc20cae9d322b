// Inside derive's repository the example resolves derive/testing and
// derive/vitest to the built bundles (npm run build); in a project that
// installed derive, `npx vitest run` needs no config at all.
import { fileURLToPath } from "node:url";

const dist = (f) => fileURLToPath(new URL(`../../dist/${f}`, import.meta.url));

export default {
  resolve: { alias: { "derive/testing": dist("testing.js"), "derive/vitest": dist("vitest.js") } },
  test: { include: ["*.test.ts"], root: fileURLToPath(new URL(".", import.meta.url)) },
};
