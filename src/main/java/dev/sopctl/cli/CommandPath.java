package dev.sopctl.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.ParserSpec;

/**
 * The chain of commands a command line names ({@code node shutdown} in
 * {@code sopctl -i inv.yaml node shutdown node1 --yes}), found as picocli's parser finds it: the
 * words before a subcommand are options of the command so far (its own and those inherited from
 * the root), each taking as many words as its arity in the model says.
 *
 * <p>Empty wherever the answer needs the whole tree or would be a guess, and the caller then builds
 * the whole tree: no subcommand or a group without its subcommand (usage lists the commands),
 * {@code -h}/{@code -V} before the last command (the usage or version of a command above it), a
 * word that is neither a subcommand nor an option (an unknown command: "Did you mean" needs the
 * names), an option value that is a subcommand name or looks like an option (picocli rejects it,
 * naming the command), {@code --}, an {@code @file} (picocli expands it first), options of variable
 * arity, abbreviated or case-insensitive matching, and the commands of
 * {@link CommandTree#NEED_WHOLE_TREE}. The words after the last command are not read: only that
 * command parses them, the same in either tree.
 */
final class CommandPath {
    private final CommandSpec root;
    private final String[] args;
    private int next;

    private CommandPath(CommandSpec root, String[] args) {
        this.root = root;
        this.args = args;
    }

    /**
     * The commands below the root that {@code args} name, built alone and not yet registered (see
     * {@link CommandTree#attach}); empty when the whole tree is needed.
     *
     * @param root the root command as built from its annotations, with no subcommands registered
     */
    static Optional<List<CommandLine>> of(CommandSpec root, String... args) {
        if (!plainMatching(root)) {
            return Optional.empty();
        }
        return new CommandPath(root, args).walk();
    }

    private Optional<List<CommandLine>> walk() {
        List<CommandLine> chain = new ArrayList<>();
        CommandTree.Node node = CommandTree.ROOT;
        CommandSpec spec = root;
        while (!node.isLeaf()) {
            Optional<CommandTree.Node> child = nextCommand(node, spec);
            if (child.isEmpty()) {
                return Optional.empty();
            }
            node = child.get();
            CommandLine built = CommandTree.buildAlone(node);
            spec = built.getCommandSpec();
            if (!plainMatching(spec)) {
                return Optional.empty();
            }
            chain.add(built);
        }
        return CommandTree.NEED_WHOLE_TREE.contains(node.type()) ? Optional.empty() : Optional.of(chain);
    }

    /** Skips the options before the next subcommand of {@code node}; empty if that is not certain. */
    private Optional<CommandTree.Node> nextCommand(CommandTree.Node node, CommandSpec spec) {
        String separator = spec.parser().separator();
        while (next < args.length) {
            String arg = args[next++];
            if (arg.isEmpty() || arg.startsWith("@") || arg.equals(spec.parser().endOfOptionsDelimiter())) {
                return Optional.empty();
            }
            Optional<CommandTree.Node> child = node.child(arg);
            if (child.isPresent()) {
                return child;
            }
            OptionSpec option = option(spec, arg);
            int eq = arg.indexOf(separator);
            if (option == null && eq > 0 && option(spec, arg.substring(0, eq)) != null) {
                // --inventory=FILE: the value is attached
                if (!skippable(option(spec, arg.substring(0, eq)))) {
                    return Optional.empty();
                }
            } else if (option != null) {
                if (!skippable(option) || (takesOneValue(option) && !skipValue(node))) {
                    return Optional.empty();
                }
            } else if (!skipCluster(node, spec, arg)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** -yn, -ni FILE, -iFILE: POSIX short options written together. */
    private boolean skipCluster(CommandTree.Node node, CommandSpec spec, String arg) {
        if (!spec.parser().posixClusteredShortOptionsAllowed() || arg.length() <= 2 || !arg.startsWith("-")
                || arg.startsWith("--")) {
            return false;
        }
        for (int i = 1; i < arg.length(); i++) {
            OptionSpec option = option(spec, "-" + arg.charAt(i));
            if (option == null || !skippable(option)) {
                return false;
            }
            if (takesOneValue(option)) {
                return i + 1 < arg.length() || skipValue(node);
            }
        }
        return true;
    }

    /** Skips the value after an option that takes one, if the parser surely takes it as that value. */
    private boolean skipValue(CommandTree.Node node) {
        if (next >= args.length) {
            return false;
        }
        String value = args[next];
        if (node.child(value).isPresent() || value.startsWith("-") || value.startsWith("@")) {
            return false;
        }
        next++;
        return true;
    }

    /** An option of the command so far: its own, or one the root's give to every command below it. */
    private OptionSpec option(CommandSpec spec, String name) {
        OptionSpec own = spec.findOption(name);
        if (own != null || spec == root) {
            return exact(own, name);
        }
        OptionSpec inherited = root.findOption(name);
        if (inherited == null) {
            return null;
        }
        boolean inheritsHelp = root.scopeType() == CommandLine.ScopeType.INHERIT
                && (inherited.usageHelp() || inherited.versionHelp());
        return inherited.scopeType() == CommandLine.ScopeType.INHERIT || inheritsHelp ? exact(inherited, name) : null;
    }

    /** findOption also accepts a name without its dashes; the parser does not. */
    private static OptionSpec exact(OptionSpec option, String name) {
        return option != null && Arrays.asList(option.names()).contains(name) ? option : null;
    }

    /** A flag or a one-value option that asks for no help text. */
    private static boolean skippable(OptionSpec option) {
        if (option.usageHelp() || option.versionHelp() || option.help()) {
            return false;
        }
        CommandLine.Range arity = option.arity();
        return arity.max() == 0 || takesOneValue(option);
    }

    private static boolean takesOneValue(OptionSpec option) {
        CommandLine.Range arity = option.arity();
        return arity.min() == 1 && arity.max() == 1 && !arity.isVariable();
    }

    /** Names matched exactly and words taken as written, as the walk above assumes. */
    private static boolean plainMatching(CommandSpec spec) {
        ParserSpec parser = spec.parser();
        return !parser.abbreviatedOptionsAllowed() && !parser.abbreviatedSubcommandsAllowed()
                && !spec.optionsCaseInsensitive() && !spec.subcommandsCaseInsensitive() && !parser.trimQuotes()
                && !parser.stopAtPositional() && !parser.stopAtUnmatched();
    }
}
