// Which way a paragraph reads: by its first strong letter (Unicode bidi's P2
// rule, simplified): Hebrew, Arabic, Persian, Syriac, Thaana, N'Ko letters
// are right-to-left, any other letter left-to-right. Mathematics ($...$) is
// skipped: a Persian sentence that starts with $x$ is still right-to-left.

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const LETTER = /\p{L}/u;

export function directionOf(text: string): "rtl" | "ltr" | null {
  const prose = text.replace(/\$\$[\s\S]*?\$\$|\$[^$]*\$/g, " ");
  for (const ch of prose) {
    if (RTL.test(ch) && LETTER.test(ch)) return "rtl";
    if (LETTER.test(ch)) return "ltr";
  }
  return null;
}

/** A language tag for a right-to-left paragraph's script (Persian letters -> fa, other Arabic script -> ar, Hebrew -> he). */
export function rtlLang(text: string): string {
  if (/[\u0590-\u05FF]/.test(text)) return "he";
  if (/[پچژگکی]/.test(text)) return "fa";
  return "ar";
}

/** Bidi embedding/override/isolate controls: a derivation file cannot use them to disguise what the sheet says. */
export function stripBidiControls(s: string): string {
  return s.replace(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g, "");
}
