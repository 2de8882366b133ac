package dev.sopctl.runbook.expr;

import java.util.List;

/**
 * The function reference of runbooks/README.md: every function's signature, what it does, and an
 * example with its result. A test checks it against {@link Functions} (every function listed, the
 * signatures its error messages print), evaluates every example, and checks that the README's table
 * is {@link #markdownTable()} exactly.
 */
public final class FunctionReference {
    /** One row: {@code example} evaluates to the value of the expression {@code result}. */
    public record Entry(String signature, String what, String example, String result) {
        /** The function's name: the signature up to its parenthesis. */
        public String name() {
            return signature.substring(0, signature.indexOf('('));
        }
    }

    private static final List<Entry> ENTRIES = List.of(
            e("len(string|list|map)", "characters, items or keys", "len('héllo')", "5"),
            e("empty(x)", "true for null, '', [] and {}", "empty([])", "true"),
            e("contains(list|string|map, item)", "like `item in x`: an item, a substring or a key",
                    "contains(['a', 'b'], 'b')", "true"),
            e("without(list, item, ...)", "the list without those items (an argument that is a list removes each)",
                    "without(['node1', 'node2'], 'node2')", "['node1']"),
            e("join(list, separator)", "the items as text, separated", "join(['a', 1], ', ')", "'a, 1'"),
            e("keys(map)", "the keys, in order", "keys({a: 1, b: 2})", "['a', 'b']"),
            e("values(map)", "the values, in order", "values({a: 1, b: 2})", "[1, 2]"),
            e("lower(string)", "lower case", "lower('OK')", "'ok'"),
            e("upper(string)", "upper case", "upper('ok')", "'OK'"),
            e("trim(string)", "without leading and trailing blanks", "trim('  a b ')", "'a b'"),
            e("split(string)", "the words between runs of blanks (like `fields`)", "split(' a  b ')", "['a', 'b']"),
            e("split(string, separator)", "the parts between each separator: two separators in a row give an empty"
                    + " part", "split('a  b', ' ')", "['a', '', 'b']"),
            e("fields(string)", "the fields between runs of blanks, like awk's `$1 $2 …`", "fields('a  b\\tc')[2]",
                    "'c'"),
            e("lines(string)", "the lines (a last empty line dropped)", "lines('a\\nb\\n')", "['a', 'b']"),
            e("startswith(string, prefix)", "whether it starts with the prefix", "startswith('pvdi2', 'pvdi')",
                    "true"),
            e("endswith(string, suffix)", "whether it ends with the suffix", "endswith('a.cfg', '.cfg')", "true"),
            e("matches(string, regex)", "whether the regular expression is found in it (like `=~`)",
                    "matches('nginx: master', '^nginx')", "true"),
            e("replace(string, old, new)", "every `old` replaced", "replace('a-b-c', '-', '.')", "'a.b.c'"),
            e("int(string|number)", "an integer (a decimal is truncated)", "int(' 42 ')", "42"),
            e("float(string|number)", "a decimal", "float('-0.25')", "-0.25"),
            e("str(x)", "the value as text", "str(1.50)", "'1.5'"),
            e("duration(string|seconds)", "a duration", "duration('1h30m')", "90m"),
            e("seconds(duration)", "the seconds in a duration", "seconds(2m)", "120"),
            e("pluck(list of maps, field)", "each map's field", "pluck([{n: 'a'}, {n: 'b'}], 'n')", "['a', 'b']"),
            e("where(list of maps, field, value)", "the maps whose field equals the value",
                    "len(where([{s: 'up'}, {s: 'down'}], 's', 'up'))", "1"),
            e("first(list)", "the first item, or null", "first([3, 4])", "3"),
            e("last(list)", "the last item, or null", "last([3, 4])", "4"),
            e("sum(list)", "the sum of numbers or durations", "sum([1, 2.5])", "3.5"),
            e("min(list)", "the smallest of numbers, strings or durations", "min([3, 1, 2])", "1"),
            e("min(a, b, ...)", "the smallest argument", "min(5m, 30s)", "30s"),
            e("max(list)", "the largest of numbers, strings or durations", "max(['a', 'c', 'b'])", "'c'"),
            e("max(a, b, ...)", "the largest argument", "max(1, 2.5)", "2.5"),
            e("any(list)", "whether any item is true", "any([false, 1])", "true"),
            e("any(list, x, condition)", "the same as `exists`", "any([1, 2], n, n > 1)", "true"),
            e("all(list)", "whether every item is true", "all([true, 0])", "false"),
            e("all(list, x, condition)", "whether the condition holds for every item `x`",
                    "all([{up: true}, {up: false}], n, n.up)", "false"),
            e("exists(list, x, condition)", "whether the condition holds for some item `x`",
                    "exists(['sshd', 'nginx: master'], p, p =~ '^nginx')", "true"),
            e("filter(list, x, condition)", "the items `x` for which the condition holds",
                    "filter([1, 5, 10], n, n >= 5)", "[5, 10]"),
            e("map(list, x, expression)", "the expression for each item `x`",
                    "map([{name: 'a'}, {name: 'b'}], h, upper(h.name))", "['A', 'B']"),
            e("count(list, x, condition)", "how many items `x` the condition holds for",
                    "count(['a', 'ab', 'b'], s, 'a' in s)", "2"),
            e("bytes(number)", "a byte count for people", "bytes(1536)", "'1.5 KiB'"),
            e("round(number)", "the nearest integer (halves away from zero)", "round(2.5)", "3"),
            e("round(number, digits)", "rounded to that many decimal digits", "round(3.14159, 2)", "3.14"),
            e("index(list, item)", "the position of the item in the list, or null", "index(['a', 'b'], 'b')", "1"),
            e("median(list of numbers)", "the middle value (the mean of the two middle ones), null when empty",
                    "median([3, 1, 4, 2])", "2.5"),
            e("pairs(map of lists, separator)", "each key joined to each of its items", "pairs({xenbr0: ['bond0']}, '/')",
                    "['xenbr0/bond0']"),
            e("default(value, fallback)", "the fallback when the value is null, or a map key, index or name is"
                    + " missing", "default({a: 1}.b, 0)", "0"),
            e("defined('name')", "whether the name is defined (a capture made on this host)", "defined('nothing')",
                    "false"));

    private FunctionReference() {}

    private static Entry e(String signature, String what, String example, String result) {
        return new Entry(signature, what, example, result);
    }

    /** Every row, in the README's order. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The README's function table. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| function | gives | example | is |\n|---|---|---|---|\n");
        for (Entry e : ENTRIES) {
            out.append("| `").append(e.signature().replace("|", "\\|")).append("` | ").append(e.what())
                    .append(" | `").append(e.example().replace("|", "\\|")).append("` | `")
                    .append(e.result().replace("|", "\\|")).append("` |\n");
        }
        return out.toString();
    }
}
