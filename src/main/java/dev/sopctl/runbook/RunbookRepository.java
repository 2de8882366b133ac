package dev.sopctl.runbook;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.yaml.Utf8Text;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where runbooks come from: the ones packaged in the jar ({@code runbooks/} of the project) and,
 * overriding or adding to them by name, the YAML files of a user's {@code --runbooks DIR}. A
 * runbook's name is its path below the folder without {@code .yaml}: {@code pvdi/node-shutdown}.
 */
public final class RunbookRepository {
    private static final String ROOT = "runbooks";

    /** A runbook file before it is parsed. */
    public record Source(String name, String origin, String text) {}

    private final Map<String, Source> sources;

    private RunbookRepository(Map<String, Source> sources) {
        this.sources = sources;
    }

    /** Packaged runbooks plus those of {@code userDir} (nullable). */
    public static RunbookRepository load(Path userDir) {
        Map<String, Source> all = new TreeMap<>(packaged());
        if (userDir != null) {
            if (!Files.isDirectory(userDir)) {
                throw new SopctlException(ExitCode.INVALID_INPUT, "--runbooks " + userDir + ": no such folder");
            }
            all.putAll(fromFolder(userDir, userDir.toString()));
        }
        return new RunbookRepository(all);
    }

    /** Only the runbooks of one folder (tests). */
    public static RunbookRepository ofFolder(Path dir) {
        return new RunbookRepository(new TreeMap<>(fromFolder(dir, dir.toString())));
    }

    public java.util.Set<String> names() {
        return sources.keySet();
    }

    /** Parses and validates the named runbook; exit 65 when it does not exist or is invalid. */
    public Runbook get(String name) {
        Source s = sources.get(name);
        if (s == null) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "no runbook named '" + name + "'",
                    "see 'sopctl runbooks list'");
        }
        return RunbookLoader.parse(s.text(), s.origin(), s.name());
    }

    public Source source(String name) {
        Source s = sources.get(name);
        if (s == null) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "no runbook named '" + name + "'",
                    "see 'sopctl runbooks list'");
        }
        return s;
    }

    private static Map<String, Source> packaged() {
        URL url = RunbookRepository.class.getClassLoader().getResource(ROOT + "/README.md");
        if (url == null) {
            return Map.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                // a zip file system of our own over the jar: never the shared one the URI would name,
                // so closing it cannot disturb another reader
                Path jar = Path.of(RunbookRepository.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                try (FileSystem fs = FileSystems.newFileSystem(jar, (ClassLoader) null)) {
                    return fromFolder(fs.getPath("/" + ROOT), "classpath:" + ROOT);
                }
            }
            return fromFolder(Path.of(uri).getParent(), "classpath:" + ROOT);
        } catch (URISyntaxException | IOException e) {
            throw new SopctlException(ExitCode.UNKNOWN, "cannot read the packaged runbooks: " + e.getMessage());
        }
    }

    private static Map<String, Source> fromFolder(Path dir, String originPrefix) {
        Map<String, Source> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".yaml"))::iterator) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                String name = rel.substring(0, rel.length() - ".yaml".length());
                try (InputStream in = Files.newInputStream(f)) {
                    String origin = originPrefix.startsWith("classpath:") ? originPrefix + "/" + rel : f.toString();
                    String text = Utf8Text.decode(in.readAllBytes(), origin);
                    out.put(name, new Source(name, origin, text));
                }
            }
        } catch (IOException e) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "cannot read runbooks in " + dir + ": " + e.getMessage());
        }
        return out;
    }
}
