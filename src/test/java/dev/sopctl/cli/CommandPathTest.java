package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line built for the arguments (only the commands they name, when that is certain)
 * parses, rejects and explains every command line exactly as the whole tree does.
 */
class CommandPathTest {
    /** Command lines the lean path serves, with the chain it builds. */
    static Stream<Object[]> lean() {
        return Stream.of(
                line("node shutdown node1", "node shutdown"),
                line("-i inv.yaml node shutdown node1", "node shutdown"),
                line("--inventory=inv.yaml node shutdown node1 --yes", "node shutdown"),
                line("--yes node shutdown node1", "node shutdown"),
                line("-yn node shutdown node1", "node shutdown"),
                line("-ni inv.yaml node shutdown node1", "node shutdown"),
                line("-iinv.yaml node shutdown node1", "node shutdown"),
                line("-i=inv.yaml node shutdown node1", "node shutdown"),
                line("node -i inv.yaml shutdown node1 --halt", "node shutdown"),
                line("node --timeout 30s shutdown node1", "node shutdown"),
                line("node shutdown node1 -o json -v", "node shutdown"),
                line("-o json exec --on node1 -- true", "exec"),
                line("exec --on node1 -- ls -l /data", "exec"),
                line("exec --on node1 -- node shutdown", "exec"),
                line("--parallel 4 --reason 'PSU swap' node check", "node check"),
                line("--reason shutdown node shutdown node1", "node shutdown"),
                line("check --all --format nagios", "check"),
                line("run pvdi/node-check -p hosts=node1", "run"),
                line("lk maintenance stop app-lk", "lk maintenance"),
                line("inventory export --format ansible", "inventory export"),
                line("transcript verify", "transcript verify"),
                // help and errors of the last command are its own: the same in either tree
                line("node shutdown --help", "node shutdown"),
                line("node shutdown node1 -h", "node shutdown"),
                line("node shutdown", "node shutdown"),
                line("node shutdown node1 --hal", "node shutdown"),
                line("node shutdown node1 --bogus=1", "node shutdown"),
                line("node shutdown node1 extra", "node shutdown"),
                line("node shutdown node1 --timeout", "node shutdown"),
                line("node shutdown node1 --timeout soon", "node shutdown"),
                line("--parallel x node check", "node check"),
                line("-o xml node check", "node check"),
                line("--parallel 0 node check", "node check"),
                line("gvm copy --from node1 --disk x", "gvm copy"),
                line("exec", "exec"),
                line("lk maintenance", "lk maintenance"),
                line("--inventory= node check", "node check"));
    }

    /** Command lines that need the whole tree (usage lists, suggestions, completion) or where the path is not certain. */
    static Stream<String> wholeTreeLines() {
        return Stream.of("", "--help", "-h", "-V node check", "--version node check", "help", "node", "node --help",
                "-h node shutdown node1", "node -h shutdown", "-yh node shutdown", "nod shutdown node1",
                "node shutdwn node1", "node status", "shutdown node1", "--reason node node shutdown node1",
                "--reason exec node shutdown node1", "-i -x node shutdown", "-i", "--yes", "-- node shutdown",
                "-i inv.yaml -- node shutdown", "@args node shutdown", "-x node shutdown", "--bogus=1 node shutdown",
                "-yq7 node check", "completion", "completion zsh", "shell", "-i inv.yaml shell", "--reason=",
                "node '' shutdown", "NODE shutdown node1", "Node shutdown node1", "-ni");
    }

    private static Object[] line(String args, String chain) {
        return new Object[] {args, chain};
    }

    @ParameterizedTest
    @MethodSource("lean")
    void aNamedCommandIsBuiltAloneAndBehavesAsInTheWholeTree(String line, String chain) {
        String[] args = words(line);
        CommandLine lean = lean(args);

        assertThat(registered(lean)).as("commands built for " + line).isEqualTo(chain);
        assertThat(behaviour(lean, args)).isEqualTo(behaviour(whole(), args));
    }

    @ParameterizedTest
    @MethodSource("wholeTreeLines")
    void otherCommandLinesGetTheWholeTree(String line) {
        String[] args = words(line);
        CommandLine lean = lean(args);

        assertThat(lean.getSubcommands()).as(line).hasSameSizeAs(CommandTree.ROOT.children());
        assertThat(behaviour(lean, args)).isEqualTo(behaviour(whole(), args));
    }

    @Test
    void eachCommandAloneHasTheOptionsUsageAndSettingsItHasInTheWholeTree() {
        for (String path : commands(whole(), "")) {
            String[] args = words(path + " --help");
            CommandLine inWhole = find(whole(), path);
            CommandLine alone = find(lean(args), path);
            if (alone.getSubcommands().isEmpty() && !inWhole.getSubcommands().isEmpty()) {
                continue; // a group: its usage lists its commands, so it is only ever built whole
            }
            assertThat(describe(alone.getCommandSpec())).as(path).isEqualTo(describe(inWhole.getCommandSpec()));
            assertThat(usage(alone)).as(path).isEqualTo(usage(inWhole));
        }
    }

    @Test
    void theRootCommandIsBuiltOnceForALeanCommandLine() {
        CommandLine lean = lean(words("-i inv.yaml node shutdown node1"));

        assertThat(lean.getSubcommands()).containsOnlyKeys("node");
        assertThat(lean.getSubcommands().get("node").getSubcommands()).containsOnlyKeys("shutdown");
        assertThat(lean.getSubcommands().get("node").getParent()).isSameAs(lean);
    }

    /**
     * Parse outcome; the last command's usage; the output and exit code of a run where that touches
     * nothing (help, usage, errors). An error in the root or a group shows no usage (the root's would
     * list only the commands built), only its message, suggestions and "see 'sopctl --help'".
     */
    private static String behaviour(CommandLine cl, String[] args) {
        StringBuilder b = new StringBuilder();
        try {
            ParseResult pr = cl.parseArgs(args);
            boolean help = false;
            for (ParseResult r = pr; r != null; r = r.subcommand()) {
                b.append(r.commandSpec().qualifiedName()).append(": ");
                for (ArgSpec a : r.matchedArgs()) {
                    b.append(a.isOption() ? ((OptionSpec) a).longestName() : a.paramLabel()).append('=')
                            .append(a.originalStringValues()).append(" -> ").append(String.valueOf((Object) a.getValue())).append("; ");
                }
                b.append("unmatched=").append(r.unmatched()).append('\n');
                help |= r.isUsageHelpRequested() || r.isVersionHelpRequested();
            }
            List<CommandLine> parsed = pr.asCommandLineList();
            CommandLine last = parsed.get(parsed.size() - 1);
            b.append(usage(last));
            Object command = last.getCommand();
            // runs that print and touch nothing: help, version, usage of the root or a group, completion
            if (help || command instanceof SopctlCommand || command instanceof CompletionCommand
                    || !(command instanceof Runnable || command instanceof java.util.concurrent.Callable)) {
                b.append(run(args));
            }
        } catch (CommandLine.ParameterException e) {
            StringWriter suggestions = new StringWriter();
            CommandLine.UnmatchedArgumentException.printSuggestions(e, new PrintWriter(suggestions));
            b.append("error in ").append(e.getCommandLine().getCommandSpec().qualifiedName()).append(": ")
                    .append(e.getMessage()).append('\n').append(suggestions);
            b.append(run(args));
        }
        return b.toString();
    }

    /** Exit code, out and err of running {@code args} with the lean command line, which must equal the whole tree's. */
    private static String run(String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int leanExit = SopctlCommand.commandLine(CliContextsForTests.none(), new PrintWriter(out), new PrintWriter(err), args)
                .execute(args);
        StringWriter wholeOut = new StringWriter();
        StringWriter wholeErr = new StringWriter();
        int wholeExit = SopctlCommand.commandLine(CliContextsForTests.none(), new PrintWriter(wholeOut),
                new PrintWriter(wholeErr)).execute(args);
        assertThat(leanExit + "\n" + out + "\n" + err).as("run of " + String.join(" ", args))
                .isEqualTo(wholeExit + "\n" + wholeOut + "\n" + wholeErr);
        return "exit " + leanExit + "\n" + out + err;
    }

    /** Options in order with their arity, labels and descriptions; settings picocli copies down the tree. */
    private static String describe(CommandSpec spec) {
        return spec.options().stream()
                .map(o -> String.join("|", o.names()) + " " + o.arity() + " " + o.paramLabel() + " " + o.scopeType()
                        + " inherited=" + o.inherited() + " " + String.join(" ", o.description()))
                .collect(Collectors.joining("\n"))
                + "\npositionals " + spec.positionalParameters().stream().map(p -> p.paramLabel() + p.arity())
                        .collect(Collectors.joining(","))
                + "\ninherited=" + spec.inherited() + " scope=" + spec.scopeType() + " help=" + spec.mixinStandardHelpOptions()
                + " exit=" + spec.exitCodeOnSuccess() + "/" + spec.exitCodeOnUsageHelp() + "/" + spec.exitCodeOnInvalidInput()
                + "/" + spec.exitCodeOnExecutionException() + " parser=" + spec.parser()
                + " mixins=" + spec.mixins().keySet() + " qualified=" + spec.qualifiedName();
    }

    private static String usage(CommandLine cl) {
        return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static String registered(CommandLine root) {
        List<String> names = new ArrayList<>();
        for (CommandLine cl = root; cl.getSubcommands().size() == 1; ) {
            cl = cl.getSubcommands().values().iterator().next();
            names.add(cl.getCommandName());
        }
        return String.join(" ", names);
    }

    private static List<String> commands(CommandLine cl, String path) {
        List<String> all = new ArrayList<>();
        cl.getSubcommands().forEach((name, sub) -> {
            String p = (path + " " + name).strip();
            all.add(p);
            all.addAll(commands(sub, p));
        });
        return all;
    }

    private static CommandLine find(CommandLine root, String path) {
        CommandLine cl = root;
        for (String name : words(path)) {
            cl = cl.getSubcommands().get(name);
        }
        return cl;
    }

    private static CommandLine lean(String[] args) {
        return SopctlCommand.commandLine(CliContextsForTests.none(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), args);
    }

    private static CommandLine whole() {
        return SopctlCommand.commandLine(CliContextsForTests.none(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
    }

    /** Words as a shell splits them: single quotes keep spaces; '' is an empty word. */
    private static String[] words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                word = word == null ? new StringBuilder() : word;
            } else if (c == ' ' && !quoted) {
                if (word != null) {
                    words.add(word.toString());
                }
                word = null;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words.toArray(String[]::new);
    }
}
