package dev.sopctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.transport.ssh.ClassDataTraining;
import dev.sopctl.transport.ssh.JdkRelease;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/sopctl on a real JDK 25 or later (the newest under /usr/lib/jvm; skipped where there is none,
 * as on CI's Java 17) with a real AOT cache of a small jar: used when it fits, not passed when older
 * than the jar, and when the JVM rejects it (another JDK build, a truncated file) the run prints
 * exactly what it prints without a cache: the JVM's own messages about it would otherwise go to stdout.
 */
class LauncherAotCacheTest {
    @TempDir
    Path dir;

    private JdkRelease jdk;
    private Path target;
    private Path jar;
    private Path cache;

    record Result(int exit, String out, String err) {}

    @BeforeEach
    void cacheOfAProbeJarMadeByTheRealJdk() throws Exception {
        jdk = JdkRelease.forAotCache("auto", Path.of("/usr/lib/jvm"), ClassDataTraining.AOT_FEATURE).orElse(null);
        Assumptions.assumeTrue(jdk != null, "no JDK " + ClassDataTraining.AOT_FEATURE + " or later under /usr/lib/jvm");
        Path root = dir.resolve("sopctl");
        target = Files.createDirectories(root.resolve("target"));
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("bin/sopctl"), root.resolve("bin/sopctl"));
        jar = target.resolve("sopctl.jar");
        writeProbeJar(jar, "");
        cache = target.resolve("sopctl.aot");
        Path config = dir.resolve("probe.aotconf");
        run(List.of(jdk.java().toString(), "-XX:AOTMode=record", "-XX:AOTConfiguration=" + config, "-cp", jar.toString(),
                LauncherProbe.class.getName(), "training"), Map.of());
        run(List.of(jdk.java().toString(), "-XX:AOTMode=create", "-XX:AOTConfiguration=" + config, "-XX:AOTCache=" + cache,
                "-cp", jar.toString()), Map.of());
        Files.writeString(target.resolve("sopctl.aot.jdk"), jdk.stamp() + "\n");
    }

    @Test
    void theCacheMadeByThisJdkIsUsed() throws Exception {
        Result r = launch(Map.of("SOPCTL_JAVA_OPTS", "-Xlog:class+load=info"));

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains(LauncherProbe.class.getName() + " source: shared objects file").contains("\nprobe ok\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aCacheOfAnotherJdkBuildIsIgnoredSilently() throws Exception {
        byte[] bytes = Files.readAllBytes(cache);
        int at = new String(bytes, 0, 4096, StandardCharsets.ISO_8859_1).indexOf("built on ");
        assertThat(at).as("the JDK build named in the cache's header").isPositive();
        bytes[at + 9] = (byte) (bytes[at + 9] == '1' ? '2' : '1');  // another build of the same version
        Files.write(cache, bytes);

        assertRejectedByTheJvmButSilentThroughTheLauncher("different version or build");
    }

    @Test
    void aCacheOlderThanTheJarIsNotPassed() throws Exception {
        // Java 25.0.3 took the probe class from this cache of a since rewritten jar without a word
        writeProbeJar(jar, "a rebuilt jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(cache).toMillis() + 2_000));

        Result r = launch(Map.of("SOPCTL_JAVA_OPTS", "-Xlog:class+load=info"));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains(LauncherProbe.class.getName() + " source: file:").contains("\nprobe ok\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aTruncatedCacheIsIgnoredSilently() throws Exception {
        byte[] bytes = Files.readAllBytes(cache);
        Files.write(cache, java.util.Arrays.copyOf(bytes, bytes.length / 3));

        assertRejectedByTheJvmButSilentThroughTheLauncher("truncated");
    }

    private void assertRejectedByTheJvmButSilentThroughTheLauncher(String jvmSays) throws Exception {
        Result direct = run(List.of(jdk.java().toString(), "-XX:AOTCache=" + cache, "-jar", jar.toString(), "ok"), Map.of());
        assertThat(direct.out() + direct.err()).as("the JVM rejects the cache").contains("[aot]").contains(jvmSays);

        Result r = launch(Map.of());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("probe ok\n");
        assertThat(r.err()).isEmpty();
    }

    private Result launch(Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("SOPCTL_JAVA", jdk.java().toString());
        return run(List.of("/bin/sh", target.resolveSibling("bin").resolve("sopctl").toString(), "ok"), all);
    }

    private Result run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        pb.environment().keySet().removeIf(k -> k.equals("JAVA_HOME") || k.equals("JAVA_TOOL_OPTIONS") || k.startsWith("SOPCTL_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
        return new Result(p.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }

    private static void writeProbeJar(Path jar, String notes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
        String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream in = LauncherProbe.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
            if (!notes.isEmpty()) {
                out.putNextEntry(new JarEntry("notes.txt"));
                out.write(notes.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }
}
