// The line of a `// @marker` comment in a file, so tests can say which line a
// step is on without hard-coding numbers.

import { readFileSync } from "node:fs";

export function lineOf(file: string, marker: string): number {
  const lines = readFileSync(file, "utf8").split("\n");
  const hits = lines.flatMap((l, i) => (l.includes(`// @${marker}`) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`marker @${marker} found ${hits.length} times in ${file}`);
  return hits[0]!;
}
