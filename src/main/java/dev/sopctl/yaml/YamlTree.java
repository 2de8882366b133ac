package dev.sopctl.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML into a {@link YamlNode} tree with locations, using Jackson's streaming YAML parser.
 * Duplicate keys are reported to the given {@link Problems} (the first one wins); a document that
 * is not YAML at all fails at once with exit 65 and the parser's location, and so does one nested
 * deeper than {@link #MAX_DEPTH} levels (no inventory or runbook needs more; a hostile file nested
 * thousands deep would otherwise exhaust the stack of the code that walks the tree).
 *
 * <pre>{@code
 * Problems problems = new Problems();
 * YamlNode root = YamlTree.read(Path.of("inventory.yaml"), problems);
 * }</pre>
 */
public final class YamlTree {
    /** The deepest nesting of mappings and lists accepted. */
    public static final int MAX_DEPTH = 64;

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlTree() {}

    public static YamlNode read(Path file, Problems problems) {
        String text;
        try {
            text = Utf8Text.decode(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new SopctlException(ExitCode.INVALID_INPUT, file + ": no such file");
        } catch (IOException e) {
            throw new SopctlException(ExitCode.INVALID_INPUT, file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.toString(), problems);
    }

    /** Parses {@code text}; {@code source} names it in locations. An empty document is an empty mapping. */
    public static YamlNode parse(String text, String source, Problems problems) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new YamlNode.Mapping(new Location(source, 1, 1), Map.of());
            }
            YamlNode root = readValue(p, source, problems, 1);
            if (p.nextToken() != null) {
                problems.add(location(p.currentTokenLocation(), source),
                        "more than one YAML document; sopctl reads one per file");
            }
            return root;
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                // the parser's own location is where it gave up, often lines before the mistake
                throw new SopctlException(ExitCode.INVALID_INPUT,
                        location(marked.getProblemMark(), source) + ": not valid YAML: " + describe(marked, source));
            }
            JsonLocation at = e.getLocation();
            Location where = at == null ? Location.of(source) : location(at, source);
            throw new SopctlException(ExitCode.INVALID_INPUT,
                    where + ": not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new SopctlException(ExitCode.INVALID_INPUT, source + ": cannot read: " + e.getMessage());
        }
    }

    private static YamlNode readValue(JsonParser p, String source, Problems problems, int depth) throws IOException {
        Location here = location(p.currentTokenLocation(), source);
        JsonToken t = p.currentToken();
        if (depth > MAX_DEPTH && (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)) {
            throw new SopctlException(ExitCode.INVALID_INPUT, here + ": nested more than " + MAX_DEPTH
                    + " levels deep; sopctl reads no deeper", "a mapping or list inside this many others is a"
                    + " mistake or a hostile file; flatten it");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Location keyAt = location(p.currentTokenLocation(), source);
                    p.nextToken();
                    YamlNode value = readValue(p, source, problems, depth + 1);
                    if (entries.containsKey(key)) {
                        problems.add(keyAt, "duplicate key '" + key + "' (first at "
                                + entries.get(key).keyLocation() + ")");
                    } else {
                        entries.put(key, new YamlNode.Entry(key, keyAt, value));
                    }
                }
                return new YamlNode.Mapping(here, entries);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(p, source, problems, depth + 1));
                }
                return new YamlNode.Sequence(here, items);
            }
            case VALUE_NULL:
                return new YamlNode.Scalar(here, null, YamlNode.Scalar.Kind.NULL);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(here, p.getText(), YamlNode.Scalar.Kind.BOOLEAN);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(here, p.getText(), YamlNode.Scalar.Kind.NUMBER);
            default:
                return new YamlNode.Scalar(here, p.getText(), YamlNode.Scalar.Kind.STRING);
        }
    }

    /** SnakeYAML's problem, with what it was parsing and where that started ("while parsing a flow mapping"). */
    private static String describe(MarkedYAMLException e, String source) {
        String problem = e.getProblem() == null ? e.getMessage().lines().findFirst().orElse("") : e.getProblem();
        String context = e.getContext();
        if (context == null || context.isBlank() || e.getContextMark() == null) {
            return problem;
        }
        return problem + " (" + context.trim() + " at " + location(e.getContextMark(), source) + ")";
    }

    private static Location location(Mark mark, String source) {
        return new Location(source, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static Location location(JsonLocation at, String source) {
        return new Location(source, Math.max(at.getLineNr(), 1), Math.max(at.getColumnNr(), 1));
    }
}
