package dev.sopctl.parse;

import java.util.List;
import java.util.Map;

/** {@code lines}: the output's non-empty lines, trimmed, as {@code lines} and their count as {@code count}. */
final class LinesParser implements OutputParser {
    @Override
    public Map<String, Object> parse(String stdout) {
        List<Object> lines = stdout.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> (Object) l).toList();
        return Map.of("lines", lines, "count", (long) lines.size());
    }
}
