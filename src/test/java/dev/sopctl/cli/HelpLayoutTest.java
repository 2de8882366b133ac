package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} at 80 columns: whole summaries in every list of commands, no sentence broken early. */
class HelpLayoutTest {
    private static final int WIDTH = 80;

    private static List<CommandLine> allCommands() {
        CommandLine root = SopctlCommand.commandLine(CliContextsForTests.none(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(WIDTH);
        into.add(cl);
        cl.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }

    private static String usage(CommandLine cl) {
        StringWriter out = new StringWriter();
        cl.usage(new PrintWriter(out));
        return out.toString();
    }

    private static String collapsed(String text) {
        return text.replaceAll("\\s+", " ");
    }

    @Test
    void everyCommandListShowsEachSummaryWhole() {
        for (CommandLine cl : allCommands()) {
            String help = collapsed(usage(cl));
            cl.getSubcommands().forEach((name, sub) -> {
                String firstSentence = UsageLayout.summary(sub.getCommandSpec());
                assertThat(firstSentence).as(sub.getCommandSpec().qualifiedName() + "'s summary").endsWith(".");
                assertThat(help).as(cl.getCommandSpec().qualifiedName() + " --help lists " + name)
                        .contains(name + " " + collapsed(firstSentence));
            });
        }
    }

    @Test
    void descriptionsWrapOnlyWhereTheLineIsFull() {
        for (CommandLine cl : allCommands()) {
            String description = cl.getHelp().description();
            String[] lines = description.split("\\R");
            for (int i = 0; i + 1 < lines.length; i++) {
                boolean continues = !lines[i + 1].isBlank() && !lines[i + 1].startsWith(" ")
                        && Character.isLowerCase(lines[i + 1].charAt(0));
                if (continues) {
                    assertThat(lines[i].length()).as(cl.getCommandSpec().qualifiedName() + ": '" + lines[i]
                            + "' is broken before the line is full").isGreaterThan(WIDTH - 20);
                }
            }
        }
    }
}
