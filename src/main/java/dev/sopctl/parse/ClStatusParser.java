package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heartbeat v1's {@code cl_status} (formats/README.md §9.2), one parser per sub-command because
 * their one-word answers cannot be told apart:
 * <ul>
 *   <li>{@code cl-status-hbstatus}: {@code Heartbeat is running on this machine.} /
 *       {@code Heartbeat is stopped on this machine.} → {@code running} (Boolean), {@code text};
 *   <li>{@code cl-status-nodestatus}: {@code active}, {@code dead}, {@code up} (ping node) or
 *       {@code init} → {@code status}, {@code alive} (Boolean: active or up);
 *   <li>{@code cl-status-rscstatus}: {@code all}, {@code local}, {@code foreign}, {@code none} or
 *       {@code transition} → {@code holds}, {@code holds_all} (Boolean), {@code holds_none}
 *       (Boolean);
 *   <li>{@code cl-status-listnodes}: one node name per line → {@code nodes}, {@code count}.
 * </ul>
 */
public final class ClStatusParser implements OutputParser {
    /** The sub-command whose output is read. */
    enum Command {
        HBSTATUS("cl-status-hbstatus"),
        NODESTATUS("cl-status-nodestatus"),
        RSCSTATUS("cl-status-rscstatus"),
        LISTNODES("cl-status-listnodes");

        final String parserName;

        Command(String parserName) {
            this.parserName = parserName;
        }
    }

    private static final Pattern HB = Pattern.compile("^Heartbeat is (running|stopped)\\b.*$");
    private static final Set<String> NODE_STATES = Set.of("active", "dead", "up", "init");
    private static final Set<String> RSC_STATES = Set.of("all", "local", "foreign", "none", "transition");
    private static final Pattern NODE_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");

    private final Command command;

    ClStatusParser(Command command) {
        this.command = command;
    }

    String name() {
        return command.parserName;
    }

    @Override
    public Map<String, Object> parse(String stdout) {
        String name = command.parserName;
        List<String> lines = Text.lines(stdout);
        int first = Text.firstNonBlank(lines);
        if (first == 0) {
            throw Text.empty(name, expected());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        if (command == Command.LISTNODES) {
            List<Object> nodes = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (!NODE_NAME.matcher(line).matches()) {
                    throw Text.at(name, i + 1, expected(), line);
                }
                nodes.add(line);
            }
            result.put("nodes", List.copyOf(nodes));
            result.put("count", (long) nodes.size());
            return Collections.unmodifiableMap(result);
        }
        for (int i = first; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                throw Text.at(name, i + 1, "a single line of output", lines.get(i));
            }
        }
        String line = lines.get(first - 1).strip();
        switch (command) {
            case HBSTATUS -> {
                Matcher m = HB.matcher(line);
                if (!m.matches()) {
                    throw Text.at(name, first, expected(), line);
                }
                result.put("running", m.group(1).equals("running"));
                result.put("text", line);
            }
            case NODESTATUS -> {
                if (!NODE_STATES.contains(line)) {
                    throw Text.at(name, first, expected(), line);
                }
                result.put("status", line);
                result.put("alive", line.equals("active") || line.equals("up"));
            }
            case RSCSTATUS -> {
                if (!RSC_STATES.contains(line)) {
                    throw Text.at(name, first, expected(), line);
                }
                result.put("holds", line);
                result.put("holds_all", line.equals("all"));
                result.put("holds_none", line.equals("none"));
            }
            default -> throw new IllegalStateException(command.name());
        }
        return Collections.unmodifiableMap(result);
    }

    private String expected() {
        return switch (command) {
            case HBSTATUS -> "'Heartbeat is running|stopped on this machine.'";
            case NODESTATUS -> "a node status: active, dead, up or init";
            case RSCSTATUS -> "a resource status: all, local, foreign, none or transition";
            case LISTNODES -> "node names, one per line";
        };
    }
}
