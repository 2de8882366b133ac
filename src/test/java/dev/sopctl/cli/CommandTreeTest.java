package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** CommandTree is the one list of commands: every command class is in it once, and no annotation names subcommands. */
class CommandTreeTest {
    @Test
    void everyCommandClassIsInTheTreeExactlyOnce() throws IOException, URISyntaxException {
        Path classes = Path.of(SopctlCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/sopctl/cli");
        List<Class<?>> annotated = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = "dev.sopctl.cli." + f.getFileName().toString().replaceFirst("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                    if (type.isAnnotationPresent(Command.class)) {
                        annotated.add(type);
                    }
                } catch (ClassNotFoundException | NoClassDefFoundError e) {
                    throw new AssertionError(name, e);
                }
            }
        }

        assertThat(annotated).hasSizeGreaterThan(30);
        assertThat(inTree(CommandTree.ROOT)).containsExactlyInAnyOrderElementsOf(annotated);
    }

    @Test
    void noAnnotationNamesSubcommandsSoPicocliBuildsNoneByItself() {
        for (Class<?> type : inTree(CommandTree.ROOT)) {
            assertThat(type.getAnnotation(Command.class).subcommands()).as(type.getName()).isEmpty();
        }
    }

    @Test
    void theWholeTreeHasEveryCommandUnderItsName() {
        picocli.CommandLine root = SopctlCommand.commandLine(CliContextsForTests.none(),
                new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter()));

        assertThat(root.getSubcommands().keySet()).containsExactly("node", "mastervm", "storage", "vm", "gvm", "net",
                "ntp", "cloudstack", "lk", "drbd", "splitbrain", "check", "run", "resume", "exec", "runbooks",
                "inventory", "transcript", "completion", "shell");
        assertThat(root.getSubcommands().get("lk").getSubcommands().keySet())
                .containsExactly("status", "failover", "failback", "data-corrupt", "maintenance");
        assertThat(root.getSubcommands().get("inventory").getSubcommands().keySet())
                .containsExactly("list", "ping", "export");
    }

    private static List<Class<?>> inTree(CommandTree.Node node) {
        List<Class<?>> all = new ArrayList<>(List.of(node.type()));
        node.children().forEach(c -> all.addAll(inTree(c)));
        return all;
    }
}
