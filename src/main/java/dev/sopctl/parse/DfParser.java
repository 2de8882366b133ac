package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code df}: coreutils {@code df -P}, {@code df -Pk}, {@code df -B1}, {@code df} and
 * {@code df -h}, with or without {@code -T}.
 *
 * <pre>
 * Filesystem     1024-blocks     Used Available Capacity Mounted on
 * /dev/sdb1        524288000 12345678 511942322       3% /data
 * </pre>
 *
 * <p>Result: {@code filesystems}, one map per row: {@code filesystem}, {@code type} (with
 * {@code -T}, else null), {@code size}, {@code used}, {@code available} (Longs in the unit the
 * header prints: 1024-byte blocks for {@code 1024-blocks} / {@code 1K-blocks}, bytes for
 * {@code 1B-blocks}; for {@code -h}'s {@code Size} header the printed {@code 50G} is read as
 * bytes, powers of 1024), {@code size_bytes}, {@code used_bytes}, {@code available_bytes} (Longs,
 * bytes), {@code capacity} (Long percent, or null for {@code -}) and {@code mount}; {@code
 * block_size} (Long, bytes per unit of {@code size}); and {@code mounts}, every mount point.
 * Output without the header (e.g. {@code df -P | grep /data}) is read in 1024-byte blocks, the
 * POSIX default. A filesystem name wrapped onto its own line (plain {@code df}) is joined with the
 * next line. {@code -} for a value (pseudo file systems) is null.
 */
public final class DfParser implements OutputParser {
    static final String NAME = "df";
    private static final Pattern HEADER = Pattern.compile(
            "^Filesystem\\s+(?<type>Type\\s+)?(?<unit>\\S+)\\s+Used\\s+Avail(?:able)?\\s+(?:Capacity|Use%)\\s+Mounted on\\s*$");
    private static final Pattern BLOCKS = Pattern.compile("^(?<n>\\d+)(?<suffix>[kKMGTPEZY]?)(?<si>B?)-blocks$");
    private static final Pattern VALUE = Pattern.compile("^(?<n>\\d+(?:[.,]\\d+)?)(?<suffix>[KMGTPEZY]?)$");
    private static final String SUFFIXES = "KMGTPEZY";

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        long blockSize = 1024;
        boolean human = false;
        boolean typed = false;
        List<Object> filesystems = new ArrayList<>();
        List<Object> mounts = new ArrayList<>();
        String pending = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Matcher h = HEADER.matcher(line.strip());
            if (h.matches()) {
                typed = h.group("type") != null;
                String unit = h.group("unit");
                if (unit.equals("Size")) {
                    human = true;
                    blockSize = 1;
                } else {
                    Matcher b = BLOCKS.matcher(unit);
                    if (!b.matches()) {
                        throw Text.at(NAME, lineNumber, "a block-size column such as 1024-blocks, 1K-blocks or Size", line);
                    }
                    // 1K = 1024, 1kB = 1000 (coreutils' SI spelling), 1B = 1
                    String suffix = b.group("suffix").toUpperCase(Locale.ROOT);
                    blockSize = multiply(Long.parseLong(b.group("n")), suffix, !suffix.isEmpty() && !b.group("si").isEmpty());
                }
                continue;
            }
            List<String> words = Text.words(line);
            if (pending != null) {
                words = new ArrayList<>(words);
                words.add(0, pending);
                pending = null;
            } else if (words.size() == 1 && i + 1 < lines.size() && Character.isWhitespace(lines.get(i + 1).charAt(0))) {
                pending = words.get(0); // the name was too long for its column
                pendingLine = lineNumber;
                continue;
            }
            int columns = typed ? 7 : 6;
            if (words.size() < columns) {
                throw Text.at(NAME, pendingLine > 0 ? pendingLine : lineNumber,
                        "'FILESYSTEM " + (typed ? "TYPE " : "") + "SIZE USED AVAILABLE CAPACITY% MOUNTPOINT'", line);
            }
            pendingLine = 0;
            int c = typed ? 2 : 1;
            Map<String, Object> fs = new LinkedHashMap<>();
            fs.put("filesystem", words.get(0));
            fs.put("type", typed ? words.get(1) : null);
            String[] keys = {"size", "used", "available"};
            Long[] values = new Long[3];
            for (int k = 0; k < 3; k++) {
                values[k] = value(words.get(c + k), human, lineNumber, line);
                fs.put(keys[k], values[k]);
            }
            for (int k = 0; k < 3; k++) {
                fs.put(keys[k] + "_bytes", values[k] == null ? null : values[k] * blockSize);
            }
            String capacity = words.get(c + 3);
            if (capacity.equals("-")) {
                fs.put("capacity", null);
            } else if (capacity.endsWith("%") && capacity.length() > 1) {
                fs.put("capacity", Text.number(NAME, lineNumber, capacity.substring(0, capacity.length() - 1), line));
            } else {
                throw Text.at(NAME, lineNumber, "a capacity like 42% in column " + (c + 4), line);
            }
            String mount = String.join(" ", words.subList(c + 4, words.size()));
            fs.put("mount", mount);
            filesystems.add(Collections.unmodifiableMap(fs));
            mounts.add(mount);
        }
        if (pending != null) {
            throw Text.at(NAME, pendingLine, "the sizes after the file system name", pending);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("filesystems", List.copyOf(filesystems));
        result.put("mounts", List.copyOf(mounts));
        result.put("block_size", blockSize);
        return Collections.unmodifiableMap(result);
    }

    private static Long value(String word, boolean human, int lineNumber, String line) {
        if (word.equals("-")) {
            return null;
        }
        if (!human) {
            if (!word.chars().allMatch(Character::isDigit)) {
                throw Text.at(NAME, lineNumber, "a whole number of blocks, not '" + word + "'", line);
            }
            return Text.number(NAME, lineNumber, word, line);
        }
        Matcher m = VALUE.matcher(word.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw Text.at(NAME, lineNumber, "a size like 50G or 3.1M, not '" + word + "'", line);
        }
        double n = Double.parseDouble(m.group("n").replace(',', '.'));
        int power = m.group("suffix").isEmpty() ? 0 : SUFFIXES.indexOf(m.group("suffix")) + 1;
        return Math.round(n * Math.pow(1024, power));
    }

    private static long multiply(long n, String suffix, boolean si) {
        int power = suffix.isEmpty() ? 0 : SUFFIXES.indexOf(suffix) + 1;
        long base = si ? 1000 : 1024;
        long result = n;
        for (int p = 0; p < power; p++) {
            result *= base;
        }
        return result;
    }
}
