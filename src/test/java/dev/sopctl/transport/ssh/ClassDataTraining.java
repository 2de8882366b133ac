package dev.sopctl.transport.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Build step (not a test; Maven runs it in the package phase): writes the class list and the
 * class-data archive (AppCDS) that {@code bin/sopctl} and the Debian package use.
 *
 * <p>The built jar runs a few training commands, each in its own JVM with
 * {@code -XX:DumpLoadedClassList}: {@code --version}, {@code --help}, a dry-run of the example
 * inventory, and {@code exec} on an in-process SSH server once per post-quantum key exchange, so
 * sshj, the key exchanges and the transport are in the archive too (a dynamic archive of one
 * dry-run held none of them). The lists are merged into {@code sopctl.classlist}, and
 * {@code java -Xshare:dump} makes a static archive of it. Static, because Java 17 leaves classes of
 * class-file version 49 out of a dynamic archive, and picocli is compiled for Java 5: its ~180
 * classes were read and verified from the jar on every start. A lambda implementing a picocli
 * interface is left out of the list: linking it at dump time would link picocli's old classes,
 * which Java 17 then refuses to archive.
 *
 * <pre>{@code
 * java -cp test-classpath dev.sopctl.transport.ssh.ClassDataTraining JAVA target/sopctl.jar examples/inventory.yaml target [AOT_JAVA]
 * }</pre>
 * writes {@code target/sopctl.classlist} and {@code target/sopctl.jsa}; the training runs' output
 * is in {@code target/appcds/}.
 *
 * <p>With a JDK of version {@value #AOT_FEATURE} or later ({@code AOT_JAVA}: a java binary or JDK
 * home, {@code auto} for the newest under {@code /usr/lib/jvm}, {@code none}), the same training
 * commands also make that JDK's ahead-of-time cache {@code target/sopctl.aot} (JEP 483/514: classes
 * loaded and linked, method profiles): all in one JVM recording with {@code -XX:AOTMode=record}
 * through {@link dev.sopctl.AotTraining}, as the JVM records only itself. Each archive gets a stamp
 * ({@code sopctl.jsa.jdk}, {@code sopctl.aot.jdk}: {@link JdkRelease#stamp}) naming the JDK that
 * made it; {@code bin/sopctl} passes an archive only to that JDK, since a JVM that rejects one runs
 * without even its own default CDS archive.
 */
public final class ClassDataTraining {
    /** The first feature version whose AOT cache bin/sopctl uses (JEP 514's one-step creation, JEP 515's profiles). */
    public static final int AOT_FEATURE = 25;
    private static final long RUN_SECONDS = 120;
    private static final List<String> KEX = List.of("sntrup761x25519-sha512", "mlkem768x25519-sha256");

    /** One training command: its name (for the files it leaves) and sopctl's arguments. */
    private record Run(String name, List<String> args) {}

    private final Path jar;
    private final Path work;

    private ClassDataTraining(Path jar, Path work) {
        this.jar = jar;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 5) {
            throw new IllegalArgumentException("usage: ClassDataTraining JAVA JAR EXAMPLE_INVENTORY OUTPUT_DIR [AOT_JAVA|auto|none]");
        }
        JdkRelease java = JdkRelease.of(args[0]);
        Path jar = Path.of(args[1]).toAbsolutePath();
        Path out = Path.of(args[3]).toAbsolutePath();
        Optional<JdkRelease> aotJava = JdkRelease.forAotCache(args.length == 5 ? args[4] : "auto", Path.of("/usr/lib/jvm"), AOT_FEATURE);
        Path work = out.resolve("appcds");
        deleteTree(work);
        Files.createDirectories(work);
        Path jsa = out.resolve("sopctl.jsa");
        Path aot = out.resolve("sopctl.aot");
        for (Path stale : List.of(jsa, stamp(jsa), aot, stamp(aot))) {
            Files.deleteIfExists(stale);
        }
        ClassDataTraining training = new ClassDataTraining(jar, work);
        try (TestSshServer sntrup = server(KEX.get(0)); TestSshServer mlkem = server(KEX.get(1))) {
            List<Run> runs = training.runs(Path.of(args[2]).toAbsolutePath(), List.of(sntrup, mlkem));
            Path classList = out.resolve("sopctl.classlist");
            Files.write(classList, merge(training.classLists(java, runs)), StandardCharsets.UTF_8);
            training.dump(java, classList, jsa);
            if (aotJava.isPresent()) {
                training.aotCache(aotJava.get(), runs, aot);
                System.out.println("[INFO] AOT cache " + aot + " made with " + aotJava.get().java());
            } else {
                System.out.println("[INFO] no AOT cache: no JDK " + AOT_FEATURE + " or later"
                        + (args.length == 5 && args[4].equals("none") ? " wanted (sopctl.aot.java=none)"
                                : " under /usr/lib/jvm (-Dsopctl.aot.java=PATH names one)"));
            }
        }
    }

    private static TestSshServer server(String kex) throws Exception {
        TestSshServer server = new TestSshServer(false, TestSshServer.newEd25519Key()).start();
        server.authorize(TestInventories.key("id_ed25519.pub"));
        server.keyExchanges(kex);
        return server;
    }

    /** {@code --version}, {@code --help}, a dry-run, and exec on each server (one post-quantum key exchange each). */
    private List<Run> runs(Path exampleInventory, List<TestSshServer> servers) throws IOException {
        List<Run> runs = new ArrayList<>();
        runs.add(new Run("version", List.of("--version")));
        runs.add(new Run("help", List.of("--help")));
        runs.add(new Run("dry-run", List.of("-i", exampleInventory.toString(), "--transcript",
                work.resolve("dry-run.jsonl").toString(), "node", "shutdown", "node1", "--dry-run")));
        Path inventory = work.resolve("inventory.yaml");
        Path knownHosts = work.resolve("known_hosts");
        List<String> hosts = new ArrayList<>();
        StringBuilder known = new StringBuilder();
        for (int i = 0; i < servers.size(); i++) {
            hosts.add("  h" + (i + 1) + ": {address: 127.0.0.1, port: " + servers.get(i).port() + "}");
            known.append(servers.get(i).knownHostsLine()).append('\n');
        }
        Files.writeString(knownHosts, known);
        Files.writeString(inventory, String.join("\n",
                "defaults:",
                "  user: " + TestSshServer.USER,
                "  identity: " + TestInventories.key("id_ed25519"),
                "  known_hosts: " + knownHosts,
                "  ssh_config: none",
                "hosts:",
                String.join("\n", hosts),
                ""));
        for (int i = 0; i < servers.size(); i++) {
            runs.add(new Run("exec-" + KEX.get(i), List.of("-i", inventory.toString(), "--transcript",
                    work.resolve("exec-" + KEX.get(i) + ".jsonl").toString(), "exec", "--on", "h" + (i + 1), "--", "true")));
        }
        return runs;
    }

    /** Each run in its own JVM that writes the classes it loads; returns those lists. */
    private List<Path> classLists(JdkRelease java, List<Run> runs) throws IOException, InterruptedException {
        List<Path> lists = new ArrayList<>();
        for (Run run : runs) {
            Path list = work.resolve(run.name() + ".classlist");
            List<String> cmd = new ArrayList<>(List.of(java.java().toString(), "-XX:DumpLoadedClassList=" + list,
                    "-XX:+UseSerialGC", "-jar", jar.toString()));
            cmd.addAll(run.args());
            wait(training(cmd, run.name()), run.name());
            lists.add(list);
        }
        return lists;
    }

    /**
     * The AOT cache of all runs: one JVM records them (through {@link dev.sopctl.AotTraining}, with the
     * jar alone on the class path, as bin/sopctl's {@code -jar} has it), a second creates the cache.
     */
    private void aotCache(JdkRelease java, List<Run> runs, Path cache) throws IOException, InterruptedException {
        Path commands = work.resolve("aot-training.tsv");
        List<String> lines = new ArrayList<>();
        for (Run run : runs) {
            lines.add("0\t" + String.join("\t", run.args()));
        }
        Files.write(commands, lines, StandardCharsets.UTF_8);
        Path config = work.resolve("sopctl.aotconf");
        String bin = java.java().toString();
        wait(training(List.of(bin, "-XX:AOTMode=record", "-XX:AOTConfiguration=" + config, "-XX:+UseSerialGC",
                "-cp", jar.toString(), "dev.sopctl.AotTraining", commands.toString()), "aot-record"), "aot-record");
        wait(training(List.of(bin, "-XX:AOTMode=create", "-XX:AOTConfiguration=" + config, "-XX:AOTCache=" + cache,
                "-XX:+UseSerialGC", "-cp", jar.toString()), "aot-create"), "aot-create");
        Files.writeString(stamp(cache), java.stamp() + "\n");
    }

    private ProcessBuilder training(List<String> cmd, String name) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("XDG_STATE_HOME", work.resolve("state").toString());
        env.remove("SSH_AUTH_SOCK");
        env.remove("SOPCTL_INVENTORY");
        env.remove("JAVA_TOOL_OPTIONS");
        return pb;
    }

    private void dump(JdkRelease java, Path classList, Path archive) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(java.java().toString(), "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-cp", jar.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("dump.out").toFile());
        wait(pb, "dump");
        Files.writeString(stamp(archive), java.stamp() + "\n");
    }

    /** The file next to {@code archive} naming the JDK that made it ({@code sopctl.aot.jdk}). */
    static Path stamp(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".jdk");
    }

    private void wait(ProcessBuilder pb, String name) throws IOException, InterruptedException {
        Process p = pb.start();
        if (!p.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("class-data training '" + name + "' did not end in " + RUN_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("class-data training '" + name + "' exited " + p.exitValue() + ": "
                    + Files.readString(pb.redirectOutput().file().toPath()).strip());
        }
    }

    /** The lists' lines in first-seen order, without lambdas that implement a picocli interface. */
    static List<String> merge(List<Path> lists) throws IOException {
        Set<String> lines = new LinkedHashSet<>();
        for (Path p : lists) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                if (!(line.startsWith("@lambda-proxy") && line.contains("picocli/"))) {
                    lines.add(line);
                }
            }
        }
        return new ArrayList<>(lines);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
