/**
 * The runbook expression language, templates and shell quoting.
 *
 * <p>Conditions ({@code when}, {@code assert}, {@code until}, {@code capture}) are
 * {@link dev.sopctl.runbook.expr.Expression}s; commands and messages are
 * {@link dev.sopctl.runbook.expr.Template}s with {@code {{ expr }}} substitutions. The language
 * is sandboxed: literals, variables from a {@link dev.sopctl.runbook.expr.Scope}, operators and a
 * fixed list of functions; no assignment, loops (except the list forms), reflection or Java access;
 * evaluation is bounded (1,000,000 list items visited and 2 s per evaluation; 1,000,000 characters
 * or items per result; regular expressions of at most 1,000 characters and a fixed backtracking
 * budget; nesting depth 50).
 *
 * <p>Precedence, lowest first: {@code if C then A else B}; {@code or}; {@code and}; {@code not}; comparisons
 * {@code == != < <= > >= in, not in, =~} (not chainable); {@code + -}; {@code * / %}; unary
 * {@code -}; postfix {@code .name}, {@code [index]}, and calls {@code f(args)} of the listed
 * functions only ({@link dev.sopctl.runbook.expr.FunctionReference}). {@code exists}, {@code all},
 * {@code any}, {@code filter}, {@code map} and {@code count} take a list, a name and an expression
 * evaluated with each item bound to the name.
 *
 * <p>Values: strings, integers (Long), decimals (Double), booleans, null, lists, maps and
 * durations. Literals: {@code 42}, {@code 2.5}, {@code 'text'} / {@code "text"} (escapes
 * {@code \\ \' \" \n \t \r}, and a backslash-u with four hex digits), {@code true false null},
 * {@code [a, b]}, {@code {key: value, 'other key': value}}, durations {@code 500ms 30s 5m 1h30m 2d}.
 *
 * <p>Errors: a syntax error, an unknown function or a wrong number of arguments is found when
 * the runbook is parsed (exit 65, with file:line:col and column); a failure while evaluating is an
 * {@link dev.sopctl.runbook.expr.EvaluationException} (exit 2).
 */
package dev.sopctl.runbook.expr;
