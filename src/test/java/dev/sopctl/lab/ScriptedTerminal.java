package dev.sopctl.lab;

import dev.sopctl.Main;
import dev.sopctl.cli.CliContext;
import dev.sopctl.cli.TerminalIo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A terminal that answers each prompt in turn from a list (then Enter), and records what it was asked. */
final class ScriptedTerminal implements TerminalIo {
    final StringWriter shown = new StringWriter();
    private final List<String> answers;
    private final AtomicInteger next = new AtomicInteger();

    ScriptedTerminal(List<String> answers) {
        this.answers = List.copyOf(answers);
    }

    /** {@code count - 1} approvals, then the answer {@code last}, then Enter (accepting the undo). */
    static ScriptedTerminal answeringAt(int count, String last, List<String> approvals) {
        List<String> a = new ArrayList<>(approvals.subList(0, count - 1));
        a.add(last);
        a.add("");
        return new ScriptedTerminal(a);
    }

    /** How many prompts were answered. */
    int asked() {
        return next.get();
    }

    @Override
    public PrintWriter writer() {
        return new PrintWriter(shown, true);
    }

    @Override
    public String readLine(String prompt) {
        shown.write(prompt + "\n");
        int i = next.getAndIncrement();
        return i < answers.size() ? answers.get(i) : "";
    }

    /** sopctl at this terminal against the lab, with its transcripts under {@code state}. */
    int run(LabEstate lab, Path state, StringWriter out, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("XDG_STATE_HOME", state.toString());
        env.remove("SOPCTL_INVENTORY");
        List<String> all = new ArrayList<>(List.of("-i", lab.inventory().toString()));
        all.addAll(List.of(args));
        int code = Main.run(CliContext.ssh(env, Path.of(""), "lab-test@ci", this), new PrintWriter(out, true),
                new PrintWriter(out, true), all.toArray(String[]::new));
        System.out.println("$ sopctl " + String.join(" ", all) + "  -> exit " + code + "\n" + out + "\n" + shown);
        return code;
    }
}
