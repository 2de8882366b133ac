package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unusable OpenSSH configuration through the command line, with the real SSH transport: exit 65, file and line named. */
class SshConfigCliTest {
    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {}

    private Result run(Path config, String hosts, String... args) throws Exception {
        Path inv = Files.writeString(dir.resolve("inventory.yaml"), "defaults:\n  ssh_config: " + config
                + "\n  known_hosts: " + dir.resolve("known_hosts") + "\nhosts:\n" + hosts);
        Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "XDG_STATE_HOME", dir.resolve("state").toString(),
                "HOME", dir.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new java.util.ArrayList<>(List.of("-i", inv.toString()));
        all.addAll(List.of(args));
        int code = Main.run(CliContext.ssh(env, dir, "test@ci", null), new PrintWriter(out, true), new PrintWriter(err, true),
                all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void aSyntaxErrorStopsPingWith65NamingFileAndLine() throws Exception {
        Path cfg = Files.writeString(dir.resolve("ssh_config"), "Host a\n  Port two\n");

        Result r = run(cfg, "  a: {address: 127.0.0.1}\n", "inventory", "ping");

        assertThat(r.exit()).isEqualTo(65);
        assertThat(r.err()).contains(cfg + " line 2: Bad port 'two'");
    }

    @Test
    void aProxyJumpCycleIs65NamingTheCycle() throws Exception {
        Path cfg = Files.writeString(dir.resolve("ssh_config"), "Host a\n  ProxyJump b\nHost b\n  ProxyJump a\n");

        Result r = run(cfg, "  a: {address: a}\n", "exec", "--on", "a", "--", "true");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(65);
        assertThat(r.out() + r.err()).contains("ProxyJump cycle: a → b → a");
    }
}
