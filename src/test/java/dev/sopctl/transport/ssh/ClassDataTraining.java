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
 * java -cp test-classpath dev.sopctl.transport.ssh.ClassDataTraining JAVA target/sopctl.jar examples/inventory.yaml target
 * }</pre>
 * writes {@code target/sopctl.classlist} and {@code target/sopctl.jsa}; the training runs' output
 * is in {@code target/appcds/}.
 */
public final class ClassDataTraining {
    private static final long RUN_SECONDS = 120;

    private final String java;
    private final Path jar;
    private final Path work;

    private ClassDataTraining(String java, Path jar, Path work) {
        this.java = java;
        this.jar = jar;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: ClassDataTraining JAVA JAR EXAMPLE_INVENTORY OUTPUT_DIR");
        }
        Path jar = Path.of(args[1]).toAbsolutePath();
        Path out = Path.of(args[3]).toAbsolutePath();
        Path work = out.resolve("appcds");
        deleteTree(work);
        Files.createDirectories(work);
        ClassDataTraining training = new ClassDataTraining(args[0], jar, work);
        List<Path> lists = training.train(Path.of(args[2]).toAbsolutePath());
        Path classList = out.resolve("sopctl.classlist");
        Files.write(classList, merge(lists), StandardCharsets.UTF_8);
        training.dump(classList, out.resolve("sopctl.jsa"));
    }

    private List<Path> train(Path exampleInventory) throws Exception {
        List<Path> lists = new ArrayList<>();
        lists.add(run("version", "--version"));
        lists.add(run("help", "--help"));
        lists.add(run("dry-run", "-i", exampleInventory.toString(), "--transcript", work.resolve("dry-run.jsonl").toString(),
                "node", "shutdown", "node1", "--dry-run"));
        try (TestSshServer server = new TestSshServer(false, TestSshServer.newEd25519Key()).start()) {
            server.authorize(TestInventories.key("id_ed25519.pub"));
            Path inventory = work.resolve("inventory.yaml");
            Path knownHosts = work.resolve("known_hosts");
            Files.writeString(knownHosts, server.knownHostsLine() + "\n");
            Files.writeString(inventory, String.join("\n",
                    "defaults:",
                    "  user: " + TestSshServer.USER,
                    "  identity: " + TestInventories.key("id_ed25519"),
                    "  known_hosts: " + knownHosts,
                    "  ssh_config: none",
                    "hosts:",
                    "  h1: {address: 127.0.0.1, port: " + server.port() + "}",
                    ""));
            for (String kex : List.of("sntrup761x25519-sha512", "mlkem768x25519-sha256")) {
                server.keyExchanges(kex);
                lists.add(run("exec-" + kex, "-i", inventory.toString(), "--transcript",
                        work.resolve("exec-" + kex + ".jsonl").toString(), "exec", "--on", "h1", "--", "true"));
            }
        }
        return lists;
    }

    /** Runs the jar with {@code args} in a JVM that writes the classes it loads; returns that list. */
    private Path run(String name, String... args) throws IOException, InterruptedException {
        Path list = work.resolve(name + ".classlist");
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:DumpLoadedClassList=" + list, "-XX:+UseSerialGC",
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("XDG_STATE_HOME", work.resolve("state").toString());
        env.remove("SSH_AUTH_SOCK");
        env.remove("SOPCTL_INVENTORY");
        wait(pb, name);
        return list;
    }

    private void dump(Path classList, Path archive) throws IOException, InterruptedException {
        Files.deleteIfExists(archive);
        ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-cp", jar.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("dump.out").toFile());
        wait(pb, "dump");
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
