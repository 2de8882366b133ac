package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mirror-status-all}: several DataKeeper mirrors of a host at once, each {@code mirror_status
 * TAG} behind a {@code ==> TAG <==} header, as a runbook prints them with
 * {@code for t in datarep1 datarep2; do echo "==> $t <=="; mirror_status "$t"; done}. Each section is
 * read like {@code mirror-status}.
 *
 * <p>Result: {@code mirrors}, one {@code mirror-status} result per section with its {@code tag}
 * added; {@code tags}; {@code not_operational} (tags whose status is not Fully Operational);
 * {@code resyncing} (tags being resynchronized). Empty output is a host without mirrors to read; text
 * before the first header, or a header with no status after it, is an error naming the tag.
 */
public final class MirrorStatusAllParser implements OutputParser {
    static final String NAME = "mirror-status-all";
    private static final Pattern HEADER = Pattern.compile("^==> (\\S+) <==$");
    private final MirrorStatusParser one = new MirrorStatusParser();

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        List<Object> mirrors = new ArrayList<>();
        List<Object> tags = new ArrayList<>();
        List<Object> notOperational = new ArrayList<>();
        List<Object> resyncing = new ArrayList<>();
        String tag = null;
        int start = 0;
        for (int i = 0; i <= lines.size(); i++) {
            Matcher h = i < lines.size() ? HEADER.matcher(lines.get(i).strip()) : null;
            if (i < lines.size() && !h.matches()) {
                if (tag == null && !lines.get(i).isBlank()) {
                    throw Text.at(NAME, i + 1, "a '==> TAG <==' header before each mirror_status", lines.get(i));
                }
                continue;
            }
            if (tag != null) {
                Map<String, Object> mirror = new LinkedHashMap<>();
                mirror.put("tag", tag);
                try {
                    mirror.putAll(one.parse(String.join("\n", lines.subList(start, i))));
                } catch (ParseException e) {
                    throw new ParseException(NAME + ": " + tag + " (from line " + (start + 1) + "): " + e.getMessage());
                }
                mirrors.add(Collections.unmodifiableMap(mirror));
                tags.add(tag);
                if (!Boolean.TRUE.equals(mirror.get("fully_operational"))) {
                    notOperational.add(tag);
                }
                if (Boolean.TRUE.equals(mirror.get("resyncing"))) {
                    resyncing.add(tag);
                }
            }
            if (i < lines.size()) {
                tag = h.group(1);
                start = i + 1;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mirrors", List.copyOf(mirrors));
        result.put("tags", List.copyOf(tags));
        result.put("not_operational", List.copyOf(notOperational));
        result.put("resyncing", List.copyOf(resyncing));
        return Collections.unmodifiableMap(result);
    }
}
