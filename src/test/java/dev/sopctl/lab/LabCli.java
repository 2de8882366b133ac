package dev.sopctl.lab;

import dev.sopctl.Main;
import dev.sopctl.cli.CliContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** sopctl against the lab over real SSH, in-process, with its own transcript folder. */
final class LabCli {
    record Result(int exit, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }

    private final LabEstate lab;
    private final Map<String, String> env = new HashMap<>(System.getenv());

    LabCli(LabEstate lab, Path state) {
        this(lab, state, Map.of());
    }

    /** With these environment variables added (e.g. {@code SSH_AUTH_SOCK}). */
    LabCli(LabEstate lab, Path state, Map<String, String> extra) {
        this.lab = lab;
        env.put("XDG_STATE_HOME", state.toString());
        env.remove("SOPCTL_INVENTORY");
        env.remove("SSH_AUTH_SOCK");
        env.putAll(extra);
    }

    Result run(String... args) {
        return runWith(lab.inventory(), args);
    }

    /** sopctl with another inventory than the lab's own. */
    Result runWith(Path inventory, String... args) {
        List<String> all = new ArrayList<>(List.of("-i", inventory.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(CliContext.ssh(env, Path.of(""), "lab-test@ci", null), new PrintWriter(out, true),
                new PrintWriter(err, true), all.toArray(String[]::new));
        System.out.println("$ sopctl " + String.join(" ", all) + "  -> exit " + code + "\n" + out + err);
        return new Result(code, out.toString(), err.toString());
    }
}
