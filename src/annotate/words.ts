// The annotated page's own words (the document's words are never looked up
// here). The verdict labels are the sheets' (src/sheets/words.ts).

export const WORDS = {
  checkedWith: "checked with",
  seed: "seed",
  summary: "Summary",
  steps: "steps",
  marked: "marked in the margin",
  refutedAsExpected: "refuted as expected",
  unexpected: "not as expected",
  linesCited: "lines cited",
  formulas: "formulas",
  katexFailed: "formulas KaTeX could not render",
  mathUncited: "lines of maths never cited",
  notPlaced: "Steps whose lines are not in the document",
  uncited: "Steps that cite no lines",
  failures: "Formulas KaTeX could not render (shown as their source)",
  line: "line",
  lines: "l.",
  correction: "corrected step",
  note: "note",
  claim: "claim as checked",
  fileError: "This file could not be checked",
  mathUncitedList: "Lines of maths no step cites",
} as const;
