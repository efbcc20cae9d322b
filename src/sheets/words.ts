// The sheet's own words (headings, verdict labels, the summary, captions) in
// English and Persian (`--lang en|fa`). The user's text is never looked up here.

export type Lang = "en" | "fa";

export interface Words {
  readonly dir: "ltr" | "rtl";
  readonly summary: string;
  readonly steps: string;
  readonly proved: string;
  readonly verified: string;
  readonly refuted: string;
  readonly error: string;
  readonly skipped: string;
  readonly refutedAsExpected: string;
  readonly unexpected: string;
  readonly seed: string;
  readonly question: string;
  readonly declarations: string;
  readonly source: string;
  readonly expected: string;
  readonly asExpected: string;
  readonly notExpected: string;
  readonly samples: (n: number) => string;
  readonly note: string;
  readonly counterexample: string;
  readonly name: string;
  readonly value: string;
  readonly lhs: string;
  readonly rhs: string;
  readonly correction: string;
  /** after "Corrected step": which step it corrects (file:line) */
  readonly corrects: (where: string) => string;
  /** the accessible name of a refuted step and its correction, framed together */
  readonly pairLabel: string;
  readonly line: string;
  readonly lines: string;
  readonly detail: string;
  readonly fileError: string;
  readonly proseOnly: string;
  /** before a likely slip of a refuted step (check/diagnose/) */
  readonly diagnosis: string;
  /** before the corrected claim a diagnosis was re-checked with */
  readonly checkedClaim: string;
  /** the caption of the table of differing entries, and its counts */
  readonly entries: string;
  readonly entriesOf: (count: number, of: number) => string;
  readonly entry: string;
  readonly difference: string;
  readonly more: (n: number) => string;
  /** before the transpose that makes a shape error fit (dsl/shape-slip.ts), and the verdict with it */
  readonly shapeSlip: string;
  readonly then: (verdict: string) => string;
  /** before the check of a refuted step with the author's earlier numbers (dsl/carried.ts) */
  readonly carried: string;
}

const EN: Words = {
  dir: "ltr",
  summary: "Summary",
  steps: "steps",
  proved: "proved",
  verified: "verified",
  refuted: "refuted",
  error: "error",
  skipped: "not checked",
  refutedAsExpected: "refuted as expected",
  unexpected: "unexpected verdicts",
  seed: "seed",
  question: "Question",
  declarations: "Declarations",
  source: "source",
  expected: "expected",
  asExpected: "as expected",
  notExpected: "NOT as expected",
  samples: (n) => `on ${n} samples`,
  note: "Note",
  counterexample: "Counterexample",
  name: "name",
  value: "value",
  lhs: "left side",
  rhs: "right side",
  correction: "Corrected step",
  corrects: (where) => `corrects ${where}`,
  pairLabel: "a refuted step and its correction",
  line: "line",
  lines: "source lines",
  detail: "how",
  fileError: "This file could not be checked",
  proseOnly: "prose only, not checkable",
  diagnosis: "Likely slip",
  checkedClaim: "holds, checked",
  entries: "Entries that differ (left − right)",
  entriesOf: (count, of) => `${count} of ${of}`,
  entry: "entry",
  difference: "left − right",
  more: (n) => `... and ${n} more`,
  shapeSlip: "Shape slip",
  then: (v) => `then ${v}`,
  carried: "Error carried forward",
};

const FA: Words = {
  dir: "rtl",
  summary: "خلاصه",
  steps: "گام",
  proved: "اثبات شد",
  verified: "تأیید شد",
  refuted: "رد شد",
  error: "خطا",
  skipped: "بررسی نشد",
  refutedAsExpected: "رد شده، چنان‌که انتظار می‌رفت",
  unexpected: "حکم‌های نامنتظر",
  seed: "بذر",
  question: "پرسش",
  declarations: "تعریف‌ها",
  source: "منبع",
  expected: "انتظار",
  asExpected: "مطابق انتظار",
  notExpected: "خلاف انتظار",
  samples: (n) => `روی ${n} نمونه`,
  note: "یادداشت",
  counterexample: "مثال نقض",
  name: "نام",
  value: "مقدار",
  lhs: "سمت چپ",
  rhs: "سمت راست",
  correction: "گام درست‌شده",
  corrects: (where) => `اصلاحِ ${where}`,
  pairLabel: "گامی رد‌شده و اصلاح آن",
  line: "سطر",
  lines: "سطرهای منبع",
  detail: "چگونه",
  fileError: "این پرونده بررسی نشد",
  proseOnly: "فقط متن، بررسی‌پذیر نیست",
  diagnosis: "لغزش محتمل",
  checkedClaim: "برقرار است، بررسی‌شده",
  entries: "درایه‌های متفاوت (چپ − راست)",
  entriesOf: (count, of) => `${count} از ${of}`,
  entry: "درایه",
  difference: "چپ − راست",
  more: (n) => `... و ${n} درایهٔ دیگر`,
  shapeSlip: "لغزش در ابعاد",
  then: (v) => `آنگاه ${v}`,
  carried: "خطای منتقل‌شده",
};

export function wordsFor(lang: Lang): Words {
  return lang === "fa" ? FA : EN;
}

/** The symbol beside a verdict: readable without colour and in black and white. */
export const MARK: Record<string, string> = {
  proved: "✔",
  verified: "✓",
  refuted: "✗",
  error: "⚠",
  skipped: "○",
};
