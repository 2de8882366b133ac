package dev.sopctl.cli;

import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * The shell's Tab completion: commands and options from the command tree (picocli's completer),
 * plus the names of the estate where a command takes them — hosts, {@code role:}/{@code zone:}/
 * {@code cluster:} targets, runbook names after {@code run} and {@code runbooks show}, and
 * {@code NAME=} after {@code -p}.
 */
final class ShellCompleter implements Completer {
    /** Options whose value is a target (hosts, roles, zones, clusters). */
    private static final Set<String> TARGET_OPTIONS = Set.of("--on", "--from", "--to", "--victim");
    private static final Set<String> CLUSTER_OPTIONS = Set.of("--cluster");
    private static final Set<String> PARAM_OPTIONS = Set.of("-p", "--param");
    /** Commands whose words are not targets. */
    private static final Set<String> NOT_TARGETS = Set.of("runbooks", "transcript", "completion", "inventory", "run",
            "help", "shell", "exit", "quit");

    private final Completer commands;
    private final EstateNames names;

    ShellCompleter(Completer commands, EstateNames names) {
        this.commands = commands;
        this.names = names;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        commands.complete(reader, line, candidates);
        List<String> before = line.words().subList(0, Math.min(line.wordIndex(), line.words().size()));
        if (before.isEmpty() || line.word().startsWith("-") || before.contains("--")) {
            return;
        }
        String previous = before.get(before.size() - 1);
        if (PARAM_OPTIONS.contains(previous)) {
            String runbook = runbookOf(before);
            if (runbook != null) {
                names.params(runbook).forEach(p -> candidates.add(new Candidate(p + "=", p + "=", "parameters", null,
                        null, null, false)));
            }
        } else if (TARGET_OPTIONS.contains(previous)) {
            targets(candidates);
        } else if (CLUSTER_OPTIONS.contains(previous)) {
            names.clusters().forEach(c -> candidates.add(new Candidate(c, c, "clusters", null, null, null, true)));
        } else if (previous.equals("run") || before.size() >= 2 && previous.equals("show")
                && before.get(before.size() - 2).equals("runbooks")) {
            names.runbooks().forEach(r -> candidates.add(new Candidate(r, r, "runbooks", null, null, null, true)));
        } else if (!previous.startsWith("-") && !NOT_TARGETS.contains(before.get(0))) {
            targets(candidates);
        }
    }

    private void targets(List<Candidate> candidates) {
        for (String t : names.targets()) {
            String group = t.startsWith("role:") ? "roles" : t.startsWith("zone:") ? "zones"
                    : t.startsWith("cluster:") ? "clusters" : "hosts";
            candidates.add(new Candidate(t, t, group, null, null, null, true));
        }
    }

    /** The runbook named after {@code run} on this line, or null. */
    private static String runbookOf(List<String> words) {
        int at = words.indexOf("run");
        return at >= 0 && at + 1 < words.size() ? words.get(at + 1) : null;
    }
}
