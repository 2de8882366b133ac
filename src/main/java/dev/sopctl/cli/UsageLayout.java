package dev.sopctl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How {@code --help} is laid out: descriptions written over several source lines are one paragraph
 * each, wrapped at the terminal's width (picocli would keep every source line and wrap it again,
 * breaking sentences in two); the list of commands shows each command's first sentence whole.
 */
final class UsageLayout {
    private static final int LONG_OPTIONS_WIDTH = 24;

    private UsageLayout() {}

    static void apply(CommandLine root) {
        // this order matters: picocli checks a long-options width against the usage width, and with
        // auto width on, each check asks the terminal (an 'stty' process and a 25 ms poll per command
        // of the tree: about a second for every command line typed at a terminal)
        root.setUsageHelpLongOptionsMaxWidth(LONG_OPTIONS_WIDTH);
        root.setUsageHelpAutoWidth(true);
        apply(root.getCommandSpec());
    }

    private static void apply(CommandSpec spec) {
        spec.usageMessage().description(paragraphs(spec.usageMessage().description()));
        spec.usageMessage().sectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
                UsageLayout::commandList);
        spec.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct().forEach(UsageLayout::apply);
    }

    /** Consecutive lines joined into one paragraph; an empty line or an indented line starts a new one. */
    static String[] paragraphs(String[] lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            if (line.isBlank() || line.startsWith(" ") || line.startsWith("-")) {
                if (current != null) {
                    out.add(current.toString());
                    current = null;
                }
                out.add(line);
            } else if (current == null) {
                current = new StringBuilder(line);
            } else {
                current.append(' ').append(line);
            }
        }
        if (current != null) {
            out.add(current.toString());
        }
        return out.toArray(String[]::new);
    }

    /** The first sentence of a command's description: its summary in the list of commands. */
    static String summary(CommandSpec spec) {
        String[] description = spec.usageMessage().description();
        String text = description.length == 0 ? "" : description[0];
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    /** Name and summary per command, wrapped at spaces only (a path like /etc/init.d/o2cb stays whole). */
    private static String commandList(Help help) {
        Map<String, Help> subcommands = help.subcommands();
        if (subcommands.isEmpty()) {
            return "";
        }
        int nameWidth = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0) + 4;
        int textWidth = Math.max(30, help.commandSpec().usageMessage().width() - nameWidth);
        StringBuilder out = new StringBuilder();
        subcommands.forEach((name, sub) -> {
            StringBuilder line = new StringBuilder("  ").append(help.colorScheme().commandText(name))
                    .append(" ".repeat(nameWidth - 2 - name.length()));
            int used = 0;
            for (String word : summary(sub.commandSpec()).split(" ")) {
                if (used > 0 && used + 1 + word.length() > textWidth) {
                    line.append(System.lineSeparator()).append(" ".repeat(nameWidth + 2));
                    used = 2;
                } else if (used > 0) {
                    line.append(' ');
                    used++;
                }
                line.append(word);
                used += word.length();
            }
            out.append(line).append(System.lineSeparator());
        });
        return out.toString();
    }
}
