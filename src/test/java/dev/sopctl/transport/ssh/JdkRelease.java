package dev.sopctl.transport.ssh;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JDK found through its {@code release} file (build step, with {@link ClassDataTraining}): its
 * feature version, and the identity a class-data archive or AOT cache is stamped with. The stamp is
 * the file's {@code IMPLEMENTOR} and {@code JAVA_RUNTIME_VERSION} lines, in the file's order: what
 * {@code bin/sopctl} and the Debian postinst read with
 * {@code grep -E '^(IMPLEMENTOR|JAVA_RUNTIME_VERSION)=' release}, so the three agree without running
 * a JVM.
 *
 * @param java the {@code bin/java} binary, its links resolved
 * @param feature the feature version ({@code 17} for 17.0.15, {@code 8} for 1.8.0)
 * @param stamp the identity lines joined with {@code \n}
 */
public record JdkRelease(Path java, int feature, String stamp) {
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)");
    private static final Pattern IDENTITY = Pattern.compile("^(IMPLEMENTOR|JAVA_RUNTIME_VERSION)=.*");

    /** The JDK whose {@code bin/java} is {@code java} (a path, or a name looked up on PATH). */
    public static JdkRelease of(String java) throws IOException {
        Path binary = resolve(java).orElseThrow(() -> new IOException(java + ": no such java binary"));
        Path release = binary.getParent().getParent().resolve("release");
        if (!Files.isRegularFile(release)) {
            throw new IOException(binary + ": the JDK has no release file (" + release + ")");
        }
        String text = Files.readString(release, StandardCharsets.UTF_8);
        Matcher m = VERSION.matcher(text);
        if (!m.find()) {
            throw new IOException(release + ": no JAVA_VERSION line");
        }
        List<String> identity = text.lines().filter(l -> IDENTITY.matcher(l).matches()).toList();
        return new JdkRelease(binary, Integer.parseInt(m.group(1)), String.join("\n", identity));
    }

    /**
     * The JDK to build the AOT cache with: {@code "none"} for none; {@code ""} or {@code "auto"} for
     * the newest JDK of feature version {@code minFeature} or later under {@code jvmDir} (none if
     * there is none); otherwise a java binary or a JDK's home, which must be that new.
     */
    public static Optional<JdkRelease> forAotCache(String choice, Path jvmDir, int minFeature) throws IOException {
        if (choice.equals("none")) {
            return Optional.empty();
        }
        if (choice.isEmpty() || choice.equals("auto")) {
            if (!Files.isDirectory(jvmDir)) {
                return Optional.empty();
            }
            try (Stream<Path> homes = Files.list(jvmDir)) {
                return homes.map(home -> home.resolve("bin/java"))
                        .filter(Files::isExecutable)
                        .flatMap(java -> tryOf(java).stream())
                        .filter(jdk -> jdk.feature() >= minFeature)
                        .max(Comparator.comparingInt(JdkRelease::feature).thenComparing(jdk -> jdk.java().toString()));
            }
        }
        Path given = Path.of(choice);
        String java = Files.isDirectory(given) ? given.resolve("bin/java").toString() : choice;
        JdkRelease jdk = of(java);
        if (jdk.feature() < minFeature) {
            throw new IOException(choice + " is Java " + jdk.feature() + "; an AOT cache needs Java " + minFeature + " or later");
        }
        return Optional.of(jdk);
    }

    private static Optional<JdkRelease> tryOf(Path java) {
        try {
            return Optional.of(of(java.toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> resolve(String java) throws IOException {
        if (java.contains(File.separator)) {
            Path p = Path.of(java);
            return Files.isExecutable(p) ? Optional.of(p.toRealPath()) : Optional.empty();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, java);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p.toRealPath());
            }
        }
        return Optional.empty();
    }
}
