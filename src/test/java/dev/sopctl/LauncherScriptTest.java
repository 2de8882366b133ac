package dev.sopctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/sopctl, run by a real sh, choosing the java and the start-up archive. The JDKs here are
 * directories with a {@code release} file and a {@code bin/java} that prints its own path and
 * arguments, so the choice is visible without a JVM; {@link LauncherAotCacheTest} runs a real JDK 25.
 */
class LauncherScriptTest {
    private static final String JDK25 = "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"";
    private static final String JDK17 = "IMPLEMENTOR=\"Debian\"\nJAVA_RUNTIME_VERSION=\"17.0.15+6-Debian-1deb12u1\"";

    @TempDir
    Path dir;

    private Path root;
    private Path target;
    private final Map<String, String> env = new HashMap<>();

    record Run(int exit, Path java, List<String> args, String err) {
        boolean has(String arg) {
            return args.contains(arg);
        }
    }

    @BeforeEach
    void copyTheLauncher() throws IOException {
        root = dir.resolve("sopctl");
        target = Files.createDirectories(root.resolve("target"));
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("bin/sopctl"), root.resolve("bin/sopctl"));
        Path jar = Files.writeString(target.resolve("sopctl.jar"), "not read: the java here only prints its arguments");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        env.put("PATH", Files.createDirectories(dir.resolve("path")) + ":/usr/bin:/bin");
    }

    @Test
    void java25WithItsOwnAotCacheGetsTheCacheWithItsLogTagsOff() throws Exception {
        Path java = jdk("temurin-25", "25.0.3", JDK25);
        archive("sopctl.aot", JDK25);
        archive("sopctl.jsa", JDK25);
        env.put("SOPCTL_JAVA", java.toString());

        Run r = launch("exec", "--on", "node1", "--", "echo 'a b*'");

        assertThat(r.exit()).isZero();
        assertThat(r.java()).isEqualTo(java);
        assertThat(r.args()).contains("-XX:AOTCache=" + target.resolve("sopctl.aot"), "-Xlog:aot*=off", "-Xlog:cds*=off");
        assertThat(r.args()).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
        assertThat(r.args()).endsWith("-jar", target.resolve("sopctl.jar").toString(), "exec", "--on", "node1", "--", "echo 'a b*'");
    }

    @Test
    void aCacheStampedByAnotherRuntimeIsNotPassed() throws Exception {
        env.put("SOPCTL_JAVA", jdk("temurin-25", "25.0.3", JDK25).toString());
        archive("sopctl.aot", JDK25.replace("25.0.3+9", "25.0.2+7"));
        archive("sopctl.jsa", JDK17);

        Run r = launch("--version");

        assertThat(r.args()).noneMatch(a -> a.startsWith("-XX:AOTCache") || a.startsWith("-XX:SharedArchiveFile"));
        assertThat(r.args()).contains("-XX:+UseSerialGC").endsWith("-jar", target.resolve("sopctl.jar").toString(), "--version");
    }

    @Test
    void anArchiveOlderThanTheJarIsNotPassed() throws Exception {
        env.put("SOPCTL_JAVA", jdk("temurin-25", "25.0.3", JDK25).toString());
        archive("sopctl.aot", JDK25);
        archive("sopctl.jsa", JDK25);
        Files.setLastModifiedTime(target.resolve("sopctl.jar"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        assertThat(launch("--version").args()).noneMatch(a -> a.contains("AOTCache") || a.contains("SharedArchiveFile"));
    }

    @Test
    void anArchiveWithoutStampIsNotPassed() throws Exception {
        env.put("SOPCTL_JAVA", jdk("debian-17", "17.0.15", JDK17).toString());
        Files.writeString(target.resolve("sopctl.jsa"), "an archive of an older build, without stamp");

        assertThat(launch("--version").args()).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void java17GetsTheAppCdsArchiveItMadeAndNeverTheAotCache() throws Exception {
        env.put("SOPCTL_JAVA", jdk("debian-17", "17.0.15", JDK17).toString());
        archive("sopctl.jsa", JDK17);
        archive("sopctl.aot", JDK17);

        Run r = launch("--help");

        assertThat(r.args()).contains("-XX:SharedArchiveFile=" + target.resolve("sopctl.jsa"), "-Xshare:auto", "-Xlog:cds=off");
        assertThat(r.args()).noneMatch(a -> a.contains("AOTCache") || a.contains("aot"));
    }

    @Test
    void java25WithoutAotCacheUsesAnAppCdsArchiveItMade() throws Exception {
        env.put("SOPCTL_JAVA", jdk("temurin-25", "25.0.3", JDK25).toString());
        archive("sopctl.jsa", JDK25);

        assertThat(launch("--help").args()).contains("-XX:SharedArchiveFile=" + target.resolve("sopctl.jsa"));
    }

    @Test
    void sopctlJavaWinsOverJavaHomeWhichWinsOverPath() throws Exception {
        Path fromSopctlJava = jdk("a", "25.0.3", JDK25);
        Path fromJavaHome = jdk("b", "17.0.15", JDK17);
        Path fromPath = jdk("c", "17.0.15", JDK17);
        Files.createSymbolicLink(dir.resolve("path/java"), fromPath);

        env.put("SOPCTL_JAVA", fromSopctlJava.toString());
        env.put("JAVA_HOME", fromJavaHome.getParent().getParent().toString());
        assertThat(launch("--version").java()).isEqualTo(fromSopctlJava);
        env.remove("SOPCTL_JAVA");
        assertThat(launch("--version").java()).isEqualTo(fromJavaHome);
        env.remove("JAVA_HOME");
        assertThat(launch("--version").java()).isEqualTo(dir.resolve("path/java"));
        env.put("SOPCTL_JAVA", "java");
        assertThat(launch("--version").java()).isEqualTo(dir.resolve("path/java"));
    }

    @Test
    void aJavaOnPathThroughLinksIsKnownByTheReleaseFileOfItsRealHome() throws Exception {
        Path java = jdk("temurin-25", "25.0.3", JDK25);
        Path alternatives = Files.createDirectories(dir.resolve("alternatives"));
        Files.createSymbolicLink(alternatives.resolve("java"), java);
        Files.createSymbolicLink(dir.resolve("path/java"), alternatives.resolve("java"));
        archive("sopctl.aot", JDK25);

        assertThat(launch("--version").args()).contains("-XX:AOTCache=" + target.resolve("sopctl.aot"));
    }

    @Test
    void aJavaWithoutReleaseFileOrOfJava8GetsNoArchive() throws Exception {
        Path java = jdk("bare", "25.0.3", JDK25);
        Files.delete(java.getParent().getParent().resolve("release"));
        archive("sopctl.aot", JDK25);
        archive("sopctl.jsa", JDK25);
        env.put("SOPCTL_JAVA", java.toString());
        assertThat(launch("--version").args()).noneMatch(a -> a.contains("AOTCache") || a.contains("SharedArchiveFile"));

        String java8 = "IMPLEMENTOR=\"Oracle\"\nJAVA_RUNTIME_VERSION=\"1.8.0_392-b08\"";
        env.put("SOPCTL_JAVA", jdk("eight", "1.8.0_392", java8).toString());
        archive("sopctl.aot", java8);
        assertThat(launch("--version").args()).noneMatch(a -> a.contains("AOTCache"));
    }

    @Test
    void aJavaThatIsNotThereIsAUsageErrorNamingWhereItCameFrom() throws Exception {
        env.put("SOPCTL_JAVA", dir.resolve("no/such/java").toString());
        Run r = launch("--version");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains(dir.resolve("no/such/java") + " is not an executable java (from SOPCTL_JAVA=");

        env.remove("SOPCTL_JAVA");
        env.put("JAVA_HOME", dir.resolve("no-jdk").toString());
        r = launch("--version");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("no-jdk/bin/java is not an executable java (from JAVA_HOME=");

        env.remove("JAVA_HOME");
        Path tools = Files.createDirectories(dir.resolve("tools"));  // what the launcher runs besides java
        for (String tool : List.of("readlink", "dirname")) {
            Files.createSymbolicLink(tools.resolve(tool), Path.of("/usr/bin", tool));
        }
        env.put("PATH", dir.resolve("path") + ":" + tools);
        r = launch("--version");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("no java on PATH");
    }

    /** A JDK named {@code name} of {@code version}, whose release file has {@code identity}; returns its bin/java. */
    private Path jdk(String name, String version, String identity) throws IOException {
        Path home = dir.resolve("jvm").resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), identity.replace("\nJAVA_RUNTIME_VERSION",
                "\nIMPLEMENTOR_VERSION=\"x\"\nJAVA_RUNTIME_VERSION") + "\nJAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$0\" \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    private void archive(String name, String identity) throws IOException {
        Files.writeString(target.resolve(name), "archive");
        Files.writeString(target.resolve(name + ".jdk"), identity + "\n");
    }

    private Run launch(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", root.resolve("bin/sopctl").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().keySet().removeIf(k -> k.equals("JAVA_HOME") || k.startsWith("SOPCTL_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new String(out, StandardCharsets.UTF_8).lines().toList();
        return lines.isEmpty() ? new Run(p.exitValue(), null, List.of(), err)
                : new Run(p.exitValue(), Path.of(lines.get(0)), lines.subList(1, lines.size()), err);
    }
}
