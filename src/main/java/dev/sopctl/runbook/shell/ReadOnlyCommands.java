package dev.sopctl.runbook.shell;

import dev.sopctl.runbook.shell.ShellSyntax.Parse;
import dev.sopctl.runbook.shell.ShellSyntax.Redirect;
import dev.sopctl.runbook.shell.ShellSyntax.SimpleCommand;
import dev.sopctl.runbook.shell.ShellSyntax.Word;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The allowlist of read-only probes for ad-hoc {@code sopctl exec} (DESIGN §5): a command line runs
 * without a confirmation only when every simple command in it is one of these, used in a way that
 * only reads. Everything else — unknown commands, shells, {@code eval}, substitutions, escaped or
 * quoted command names, writing options, redirections into files — needs a confirmation.
 * The list itself is {@link ProbeRules}; README's "Ad-hoc commands" section documents it.
 */
public final class ReadOnlyCommands {
    /** Where a command may be named by its full path. */
    private static final Pattern SYSTEM_PATH = Pattern.compile("/(usr/(local/)?)?s?bin/[^/]+");
    /** Environment assignments that only change how output looks. */
    private static final Pattern HARMLESS_ASSIGNMENT = Pattern.compile("(LANG|LC_[A-Z]+|TZ|COLUMNS)=[^$`]*");
    /** Redirections that only read, duplicate or close a descriptor. */
    private static final Set<String> READING_REDIRECTS = Set.of("<", "<&", "<<", "<<-", "<<<");
    private static final Set<String> WRITING_REDIRECTS = Set.of(">", ">>", ">|", "&>", "&>>", ">&");

    private ReadOnlyCommands() {}

    /** Why {@code line} needs a confirmation, or empty when every part of it is a known read-only probe. */
    public static Optional<String> whyConfirm(String line) {
        Parse parse = ShellSyntax.parse(line);
        if (parse instanceof Parse.Opaque opaque) {
            return Optional.of(opaque.reason());
        }
        List<SimpleCommand> commands = ((Parse.Commands) parse).commands();
        if (commands.isEmpty()) {
            return Optional.of("it has no command");
        }
        for (SimpleCommand command : commands) {
            Optional<String> why = whyConfirm(command);
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> whyConfirm(SimpleCommand command) {
        for (Redirect r : command.redirects()) {
            Optional<String> why = whyConfirm(r);
            if (why.isPresent()) {
                return why;
            }
        }
        for (Word a : command.assignments()) {
            if (!HARMLESS_ASSIGNMENT.matcher(a.text()).matches()) {
                return Optional.of("it sets the environment variable '" + a.text().substring(0, a.text().indexOf('='))
                        + "', which can change what runs");
            }
        }
        List<Word> words = command.words();
        if (!words.isEmpty() && words.get(0).plain() && words.get(0).text().equals("!")) {
            words = words.subList(1, words.size());
        }
        if (words.isEmpty()) {
            return command.assignments().isEmpty() ? Optional.empty()
                    : Optional.of("it sets a shell variable");
        }
        Word name = words.get(0);
        if (!name.plain() || name.expands()) {
            return Optional.of("its command name '" + name.text() + "' is quoted, escaped or expanded,"
                    + " so sopctl cannot tell what it runs");
        }
        String path = name.text();
        String base = path.substring(path.lastIndexOf('/') + 1);
        if (path.contains("/") && !SYSTEM_PATH.matcher(path).matches() && !ProbeRules.isInitScript(path)) {
            return Optional.of("'" + path + "' is not a system command");
        }
        return ProbeRules.whyNotReadOnly(path.startsWith("/etc/init.d/") ? path : base, words.subList(1, words.size()));
    }

    private static Optional<String> whyConfirm(Redirect r) {
        String op = r.operator();
        Word target = r.target();
        if (op.equals(">&") && target.plain() && target.text().matches("[0-9]+-?|-")) {
            return Optional.empty();
        }
        if (WRITING_REDIRECTS.contains(op)) {
            return target.plain() && target.text().equals("/dev/null") ? Optional.empty()
                    : Optional.of("it writes to '" + target.text() + "' with '" + op + "'");
        }
        if (READING_REDIRECTS.contains(op)) {
            return Optional.empty();
        }
        return Optional.of("it opens '" + target.text() + "' with '" + op + "'");
    }
}
