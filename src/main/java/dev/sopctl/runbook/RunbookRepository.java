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

    /** A name as the folder layout makes them: path segments of a file below the runbooks folder. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*");

    private final Map<String, Source> user;
    private final boolean withPackaged;
    /** The packaged runbooks, read whole only when all names are wanted (a listing, completion, --all). */
    private Map<String, Source> packaged;

    private RunbookRepository(Map<String, Source> user, boolean withPackaged) {
        this.user = user;
        this.withPackaged = withPackaged;
    }

    /** Packaged runbooks plus those of {@code userDir} (nullable). */
    public static RunbookRepository load(Path userDir) {
        Map<String, Source> user = Map.of();
        if (userDir != null) {
            if (!Files.isDirectory(userDir)) {
                throw new SopctlException(ExitCode.INVALID_INPUT, "--runbooks " + userDir + ": no such folder");
            }
            user = fromFolder(userDir, userDir.toString());
        }
        return new RunbookRepository(user, true);
    }

    /** Only the runbooks of one folder (tests). */
    public static RunbookRepository ofFolder(Path dir) {
        return new RunbookRepository(new TreeMap<>(fromFolder(dir, dir.toString())), false);
    }

    public synchronized java.util.Set<String> names() {
        if (!withPackaged) {
            return user.keySet();
        }
        if (packaged == null) {
            packaged = packaged();
        }
        java.util.Set<String> all = new java.util.TreeSet<>(packaged.keySet());
        all.addAll(user.keySet());
        return java.util.Collections.unmodifiableSet(all);
    }

    /** Parses and validates the named runbook; exit 65 when it does not exist or is invalid. */
    public Runbook get(String name) {
        Source s = source(name);
        return RunbookLoader.parse(s.text(), s.origin(), s.name());
    }

    public Source source(String name) {
        Source s = find(name);
        if (s == null) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "no runbook named '" + name + "'",
                    "see 'sopctl runbooks list'");
        }
        return s;
    }

    /**
     * A user's runbook of that name, else the packaged one, read by name from the class path: a
     * command that runs one runbook does not open the jar as a file system and read them all.
     */
    private synchronized Source find(String name) {
        Source s = user.get(name);
        if (s != null || !withPackaged) {
            return s;
        }
        if (packaged != null) {
            return packaged.get(name);
        }
        if (name == null || !NAME.matcher(name).matches()) {
            return null;
        }
        String rel = name + ".yaml";
        try (InputStream in = RunbookRepository.class.getClassLoader().getResourceAsStream(ROOT + "/" + rel)) {
            if (in == null) {
                return null;
            }
            String origin = "classpath:" + ROOT + "/" + rel;
            return new Source(name, origin, Utf8Text.decode(in.readAllBytes(), origin));
        } catch (IOException e) {
            throw new SopctlException(ExitCode.UNKNOWN, "cannot read the packaged runbook " + rel + ": " + e.getMessage());
        }
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
