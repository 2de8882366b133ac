package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mount}: the output of {@code mount} (also {@code mount | grep /data}), one
 * {@code DEVICE on DIR type TYPE (OPTIONS)} per line, with an optional {@code [LABEL]} from
 * {@code mount -l}.
 *
 * <p>Result: {@code mounts}, one map per line: {@code device}, {@code dir}, {@code type},
 * {@code options} (list, split on commas; empty without the parentheses), {@code label} (or null);
 * and {@code dirs}, every mount point in output order. Octal escapes ({@code \040} for a space) are
 * decoded. Empty output is no mounts; any other line is an error.
 */
public final class MountParser implements OutputParser {
    static final String NAME = "mount";
    private static final Pattern ROW = Pattern.compile(
            "^(?<device>\\S.*?) on (?<dir>/.*?) type (?<type>\\S+)(?: \\((?<options>[^)]*)\\))?(?: \\[(?<label>[^\\]]*)\\])?\\s*$");
    private static final Pattern OCTAL = Pattern.compile("\\\\([0-7]{3})");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        List<Object> mounts = new ArrayList<>();
        List<Object> dirs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = Text.noAnsi(lines.get(i));
            if (line.isBlank()) {
                continue;
            }
            Matcher m = ROW.matcher(line.strip());
            if (!m.matches()) {
                throw Text.at(NAME, i + 1, "'DEVICE on DIR type TYPE (OPTIONS)'", line);
            }
            Map<String, Object> mount = new LinkedHashMap<>();
            mount.put("device", unescape(m.group("device")));
            mount.put("dir", unescape(m.group("dir")));
            mount.put("type", m.group("type"));
            String options = m.group("options");
            mount.put("options", options == null || options.isBlank() ? List.of() : List.of(options.split(",")));
            mount.put("label", m.group("label"));
            mounts.add(Collections.unmodifiableMap(mount));
            dirs.add(mount.get("dir"));
        }
        return Map.of("mounts", List.copyOf(mounts), "dirs", List.copyOf(dirs));
    }

    private static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        Matcher m = OCTAL.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 8))));
        }
        return m.appendTail(sb).toString();
    }
}
