package dev.sopctl.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Which command sits below which: the one place sopctl's command tree is written down. The
 * {@code @Command} annotations name no subcommands, because picocli builds every command an
 * annotation names as soon as it builds the root (each with the inherited global options, its
 * help options and a reflective scan): 33 commands for any command line, most of a short
 * command's start-up. {@link #attachAll} registers the whole tree; {@link #attach} only the
 * chain one command line names ({@link CommandPath}).
 */
final class CommandTree {
    /** A command class and the commands below it, in the order {@code --help} lists them. */
    record Node(Class<?> type, List<Node> children) {
        Node {
            Objects.requireNonNull(type, "type");
            children = List.copyOf(children);
            if (type.getAnnotation(Command.class) == null) {
                throw new IllegalArgumentException(type.getName() + " has no @Command");
            }
        }

        /** The name picocli registers it under (from its annotation; nothing is built). */
        String name() {
            return type.getAnnotation(Command.class).name();
        }

        /** The child a command-line word names, by its name or one of its aliases (exact, as the parser matches). */
        Optional<Node> child(String word) {
            return children.stream().filter(c -> c.name().equals(word)
                    || Arrays.asList(c.type.getAnnotation(Command.class).aliases()).contains(word)).findFirst();
        }

        boolean isLeaf() {
            return children.isEmpty();
        }
    }

    static final Node ROOT = new Node(SopctlCommand.class, List.of(
            group(NodeCommand.class, NodeCommand.Shutdown.class, NodeCheckCommand.class, NodeDiagnoseCommand.class),
            group(MastervmCommand.class, MastervmCommand.Check.class, MastervmCommand.Switchover.class),
            group(StorageCommand.class, StorageCommand.Check.class),
            group(VmCommand.class, VmCommand.DiagnoseStart.class),
            group(GvmCommand.class, GvmCommand.Copy.class),
            group(NetCommand.class, NetCommand.Check.class, NetCommand.ReaddressBridge.class),
            group(NtpCommand.class, NtpCommand.Check.class, NtpCommand.Sync.class),
            group(CloudstackCommand.class, CloudstackCommand.Check.class, CloudstackCommand.FixMemoryCap.class),
            group(LkCommand.class, LkCommand.Status.class, LkCommand.Failover.class, LkCommand.Failback.class,
                    LkCommand.DataCorrupt.class, LkCommand.Maintenance.class),
            group(DrbdCommand.class, DrbdCommand.Status.class, DrbdCommand.Switchover.class),
            group(SplitbrainCommand.class, SplitbrainCommand.Recover.class),
            leaf(CheckCommand.class),
            leaf(RunCommand.class),
            leaf(ResumeCommand.class),
            leaf(ExecCommand.class),
            group(RunbooksCommand.class, RunbooksCommand.List.class, RunbooksCommand.Show.class),
            group(InventoryCommand.class, InventoryCommand.ListHosts.class, InventoryCommand.Ping.class,
                    InventoryExportCommand.class),
            group(TranscriptCommand.class, TranscriptCommand.ListRuns.class, TranscriptCommand.Show.class,
                    TranscriptCommand.Verify.class),
            leaf(CompletionCommand.class),
            leaf(ShellCommand.class)));

    /**
     * Commands that read the whole tree from {@code spec.root()}: the completion script is made
     * from it. (The shell builds its own whole trees; it is here so that its start keeps the tree
     * it always had.)
     */
    static final Set<Class<?>> NEED_WHOLE_TREE = Set.of(CompletionCommand.class, ShellCommand.class);

    private CommandTree() {}

    /** Registers every command below {@code root}. */
    static void attachAll(CommandLine root) {
        underRoot(root, ROOT.children().stream().map(CommandTree::build).toList());
    }

    /** Registers one chain below {@code root}: its first command under the root, each next one under the one before. */
    static void attach(CommandLine root, List<CommandLine> chain) {
        for (int i = chain.size() - 1; i > 0; i--) {
            register(chain.get(i - 1).getCommandSpec(), chain.get(i));
        }
        underRoot(root, chain.isEmpty() ? List.of() : List.of(chain.get(0)));
    }

    /** A node's command with everything below it (the whole subtree). */
    static CommandLine build(Node node) {
        CommandLine cl = new CommandLine(node.type());
        for (Node child : node.children()) {
            register(cl.getCommandSpec(), build(child));
        }
        return cl;
    }

    /** A node's command alone: nothing registered below it. */
    static CommandLine buildAlone(Node node) {
        return new CommandLine(node.type());
    }

    private static void underRoot(CommandLine root, List<CommandLine> children) {
        CommandSpec spec = root.getCommandSpec();
        // picocli copies the root's inherited options into a subcommand when it is added, and the
        // help options (-h, -V) too if the root has them by then: the help options go last, as when
        // an annotation listed the subcommands, so that option order (usage, completion, "Possible
        // solutions") stays as it was
        boolean help = spec.mixinStandardHelpOptions();
        spec.mixinStandardHelpOptions(false);
        for (CommandLine child : children) {
            register(spec, child);
        }
        spec.mixinStandardHelpOptions(help);
    }

    private static void register(CommandSpec parent, CommandLine child) {
        parent.addSubcommand(child.getCommandSpec().name(), child);
    }

    private static Node group(Class<?> type, Class<?>... leaves) {
        return new Node(type, Arrays.stream(leaves).map(CommandTree::leaf).toList());
    }

    private static Node leaf(Class<?> type) {
        return new Node(type, List.of());
    }
}
