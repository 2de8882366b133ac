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

/**
 * sopctl on a lab's inventory in this JVM, with a terminal that types the given answers in turn
 * (a host's name at a typed confirmation, {@code n} to decline); what it printed and what it was
 * asked come back together.
 */
final class AnsweringCli {
    /** How a run ended and everything it showed, the prompts included. */
    record Run(int exit, String out) {}

    /** A terminal that gives each answer in turn (then empty lines) and keeps what it was asked. */
    static final class Answers implements TerminalIo {
        final StringWriter shown = new StringWriter();
        private final List<String> answers;
        private int next;

        Answers(String... answers) {
            this.answers = List.of(answers);
        }

        @Override
        public PrintWriter writer() {
            return new PrintWriter(shown, true);
        }

        @Override
        public String readLine(String prompt) {
            shown.write(prompt + "\n");
            return next < answers.size() ? answers.get(next++) : "";
        }
    }

    private final LabEstate lab;
    private final Path state;

    AnsweringCli(LabEstate lab, Path state) {
        this.lab = lab;
        this.state = state;
    }

    /** @param terminal the answers, or null for no terminal */
    Run run(Answers terminal, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("XDG_STATE_HOME", state.toString());
        env.remove("SOPCTL_INVENTORY");
        List<String> all = new ArrayList<>(List.of("-i", lab.inventory().toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        int code = Main.run(CliContext.ssh(env, Path.of(""), "lab-test@ci", terminal), new PrintWriter(out, true),
                new PrintWriter(out, true), all.toArray(String[]::new));
        String shown = terminal == null ? "" : terminal.shown.toString();
        System.out.println("$ sopctl " + String.join(" ", all) + "  -> exit " + code + "\n" + out + shown);
        return new Run(code, out + "\n" + shown);
    }
}
