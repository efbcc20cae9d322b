// --help texts, each with examples that work as written (tests run them).

export const MAIN_HELP = `derive: checks the mathematics of machine learning step by step

Usage:
  derive check [FILES...] [--reporter pretty|json|junit|tap] [--seed N] [--samples K]
  derive equal LHS RHS [--let DECL]... [--json] [--seed N] [--samples K]
  derive equal "CLAIM" [--let DECL]...      (a claim with =, ≈, <, <=, >, >=, ∝)
  derive grad EXPR --wrt NAME [--let DECL]... [--json] [--latex]
  derive eval EXPR [--let DECL]... [--at NAME=VALUE]... [--json] [--seed N]
  derive ops                                 (every operator and function)
  derive sheet FILES... --out DIR [--format html|tex|pdf]... [--seed N] [--lang fa|en]
  derive annotate DOC.md --with FILES... --out DIR [--format html|pdf]... [--seed N]
  derive testgen FILES... --out DIR [--runs N]  (vitest suites from derivations)

Verdicts: proved, verified (exit 0), refuted (exit 1), error (exit 2).
Run 'derive COMMAND --help' for a command's options and examples.
The language: docs/language.md.`;

export const EQUAL_HELP = `derive equal: checks one claim LHS = RHS under declarations

Usage:
  derive equal LHS RHS [options]
  derive equal "CLAIM" [options]

Options:
  --let DECL      declare names: "X: n x m", "S: n x n spd", "a: scalar"
                  (repeatable; ';' separates several in one flag)
  --seed N        seed of the random samples (printed when not given)
  --samples K     samples to draw (default 6)
  --timeout S     give up after S seconds: an error, never a pass
  --progress      progress lines on stderr after 2 s (default on a terminal)
  --json          print one JSON object (cli.md) instead of text

An expression that begins with '-' goes in parentheses, "(-inv(X) * V * inv(X))",
or after '--'. Undeclared names are scalars, and each is reported.

Examples:
  derive equal "tr(A * B)" "tr(B * A)" --let "A: n x m" --let "B: m x n"
  derive equal "grad(logdet(X), X)" "inv(X)'" --let "X: n x n invertible"
  derive equal "inv(A * B)" "inv(A) * inv(B)" --let "A, B: n x n invertible"
  derive equal "diff(inv(X), X, V)" "(-inv(X) * V * inv(X))" --let "X: n x n invertible; V: n x n"
  derive equal "sigmoid(0.6) ≈ 0.65"
  derive equal "0 <= sigmoid(t) <= 1"`;

export const EVAL_HELP = `derive eval: the value of an expression

Usage:
  derive eval EXPR [options]

Options:
  --let DECL         declare names (as for derive equal)
  --at NAME=VALUE    give a value: --at "X=[1, 2; 3, 4]", --at t=0.5 (repeatable);
                     names without a value are drawn at random (and printed)
  --seed N           seed of the random draw
  --json             print one JSON object

Examples:
  derive eval "det(X)" --let "X: 2 x 2" --at "X=[1, 2; 3, 4]"
  derive eval "softmax(z)" --at "z=[1; 2; 3]"
  derive eval "lse(z)" --at "z=[1000; 1000]"
  derive eval "grad(x' * x, x)" --at "x=[1; 2]"`;

export const GRAD_HELP = `derive grad: the gradient of a scalar expression, computed symbolically

Usage:
  derive grad EXPR --wrt NAME [options]

The result has the shape of NAME (Matrix Cookbook layout: entry (i, j) is
d EXPR / d NAME_ij), is simplified for a reader, parses back in the
expression language, and is checked against finite differences first.

Options:
  --wrt NAME      the variable (required)
  --let DECL      declare names, as for derive equal (repeatable)
  --seed N        seed of the finite-difference check of the result
  --latex         print LaTeX instead
  --json          print { "result", "latex", "shape", "check", "assumptions", "error" }

Examples:
  derive grad "tr(X' * A * X)" --wrt X --let "X: n x m" --let "A: n x n"
  derive grad "logdet(X)" --wrt X --let "X: n x n invertible"
  derive grad "norm(A * x - b)^2" --wrt x --let "A: m x n; x: n; b: m"
  derive grad "lse(W * x) - y' * W * x" --wrt W --let "W: k x n; x: n; y: k onehot"`;
