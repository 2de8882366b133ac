package dev.sopctl.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's choice of JIT: C1 only for commands that live seconds and the shell, C2 for a
 * relayed copy. Runs the real {@code bin/sopctl} from a copy of the project layout, with a {@code java}
 * on PATH that prints the options it was given.
 */
class LauncherJitTest {
    private static final String QUICK = "-XX:TieredStopAtLevel=1";
    private static final String FULL = "-XX:CICompilerCount=3";

    @TempDir
    Path root;

    @BeforeEach
    void layout() throws Exception {
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("target"));
        Files.createDirectories(root.resolve("fake"));
        Files.copy(Path.of("bin/sopctl"), root.resolve("bin/sopctl"));
        Files.writeString(root.resolve("target/sopctl.jar"), "");
        Path java = Files.writeString(root.resolve("fake/java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int exit, List<String> javaArgs, String err) {}

    private Run launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", root.resolve("bin/sopctl").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PATH", root.resolve("fake") + ":/usr/bin:/bin");
        pb.environment().remove("SOPCTL_JIT");
        pb.environment().remove("SOPCTL_JAVA_OPTS");
        pb.environment().remove("SOPCTL_JAVA");  // these two would win over the java on PATH
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out.lines().toList(), err);
    }

    private List<String> jvmOptions(Run r) {
        int jar = r.javaArgs().indexOf("-jar");
        assertThat(jar).as("java was started with -jar: %s %s", r.javaArgs(), r.err()).isPositive();
        return r.javaArgs().subList(0, jar);
    }

    @Test
    void ordinaryCommandsGetC1Only() throws Exception {
        for (String[] args : new String[][] {{"exec", "--on", "all", "--", "true"}, {"node", "shutdown", "node1"},
                {"gvm", "copy", "--from", "node1"}, {"exec", "--on", "all", "--", "echo", "--relay"}, {"shell"}}) {
            List<String> opts = jvmOptions(launch(Map.of(), args));
            assertThat(opts).as(String.join(" ", args)).contains(QUICK).doesNotContain(FULL);
        }
    }

    @Test
    void aRelayedCopyGetsC2WithCryptoCompiledEarly() throws Exception {
        for (String[] args : new String[][] {{"gvm", "copy", "--from", "node1", "--relay"},
                {"run", "pvdi/gvm-copy", "-p", "relay=true"}, {"-i", "inv.yaml", "gvm", "copy", "--relay"}}) {
            List<String> opts = jvmOptions(launch(Map.of(), args));
            assertThat(opts).as(String.join(" ", args)).contains(FULL,
                    "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.*::*,0.05").doesNotContain(QUICK);
        }
    }

    @Test
    void sopctlJitChoosesForAnyCommandAndABadValueIsExit64() throws Exception {
        assertThat(jvmOptions(launch(Map.of("SOPCTL_JIT", "full"), "run", "mine"))).contains(FULL);
        assertThat(jvmOptions(launch(Map.of("SOPCTL_JIT", "full"), "shell"))).contains(FULL);
        assertThat(jvmOptions(launch(Map.of("SOPCTL_JIT", "quick"), "gvm", "copy", "--relay"))).contains(QUICK);
        Run bad = launch(Map.of("SOPCTL_JIT", "fast"), "--version");
        assertThat(bad.exit()).isEqualTo(64);
        assertThat(bad.err()).contains("SOPCTL_JIT=fast: write full or quick");
        assertThat(bad.javaArgs()).isEmpty();
    }
}
