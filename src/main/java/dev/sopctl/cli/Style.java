package dev.sopctl.cli;

/** ANSI colours when the output is a terminal and neither --no-color nor NO_COLOR says otherwise. */
final class Style {
    private final boolean on;

    Style(boolean on) {
        this.on = on;
    }

    static Style of(CliContext context, GlobalOptions options) {
        boolean noColor = options.noColor || context.environment().containsKey("NO_COLOR");
        return new Style(!noColor && context.terminal() != null && !options.json());
    }

    String bold(String s) {
        return wrap("1", s);
    }

    String red(String s) {
        return wrap("31", s);
    }

    String green(String s) {
        return wrap("32", s);
    }

    String yellow(String s) {
        return wrap("33", s);
    }

    String dim(String s) {
        return wrap("2", s);
    }

    private String wrap(String code, String s) {
        return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
