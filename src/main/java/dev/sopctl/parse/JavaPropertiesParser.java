package dev.sopctl.parse;

import java.io.IOException;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code java-properties}: a Java properties file as {@link Properties#load(java.io.Reader)} reads
 * it (CloudStack's {@code db.properties}, {@code agent.properties}): {@code key=value},
 * {@code key: value} and {@code key value}, {@code #}/{@code !} comments, {@code \} continuations
 * and escapes.
 *
 * <p>Result: {@code values} (key → text, keys sorted; read dotted keys as
 * {@code out.values['db.ha.enabled']}) and {@code keys}.
 */
public final class JavaPropertiesParser implements OutputParser {
    static final String NAME = "java-properties";

    @Override
    public Map<String, Object> parse(String stdout) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(stdout == null ? "" : stdout));
        } catch (IllegalArgumentException | IOException e) {
            throw new ParseException(NAME + ": " + e.getMessage());
        }
        Map<String, Object> values = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("values", Collections.unmodifiableMap(values));
        result.put("keys", java.util.List.copyOf(values.keySet()));
        return Collections.unmodifiableMap(result);
    }
}
