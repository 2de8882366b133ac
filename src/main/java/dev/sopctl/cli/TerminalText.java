package dev.sopctl.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text from outside sopctl (remote output, parameter values, host names, transcript contents) made
 * harmless for a terminal: every control character but newline and tab is written as a visible
 * escape ({@code \e}, {@code \r}, {@code ^H}, {@code <U+009B>}), and so are the Unicode controls that
 * reorder what is shown (bidi overrides). A remote host or a parameter cannot move the cursor,
 * clear the screen, set the title or redraw a confirmation. Transcripts keep the exact bytes.
 */
final class TerminalText {
    private TerminalText() {}

    static String visible(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** The lines of {@code text}, split at newlines only: a carriage return stays in its line, to be shown. */
    static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = List.of(text.split("\n", -1));
        return text.endsWith("\n") ? lines.subList(0, lines.size() - 1) : lines;
    }

    /** {@code fields} with every text in it (also inside lists and maps) made {@link #visible}. */
    static Map<String, Object> visible(Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k, visibleValue(v)));
        return out;
    }

    /** A text, list or map made {@link #visible} (texts inside too); anything else as it is. */
    @SuppressWarnings("unchecked")
    static Object visibleValue(Object v) {
        if (v instanceof String s) {
            return visible(s);
        }
        if (v instanceof List<?> list) {
            return list.stream().map(TerminalText::visibleValue).toList();
        }
        if (v instanceof Map<?, ?> map) {
            return visible((Map<String, Object>) map);
        }
        return v;
    }

    /** A writer that makes everything written through it {@link #visible}: for output with no styling of its own. */
    static PrintWriter writer(PrintWriter target) {
        return new PrintWriter(new FilterWriter(target) {
            @Override
            public void write(int c) throws IOException {
                String escape = escape((char) c);
                out.write(escape == null ? String.valueOf((char) c) : escape);
            }

            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                out.write(visible(new String(buf, off, len)));
            }

            @Override
            public void write(String s, int off, int len) throws IOException {
                out.write(visible(s.substring(off, off + len)));
            }
        }, true);
    }

    /** The visible form of {@code c}, or null when it prints as itself. */
    private static String escape(char c) {
        if (c == '\n' || c == '\t') {
            return null;
        }
        if (c == 0x1b) {
            return "\\e";
        }
        if (c == '\r') {
            return "\\r";
        }
        if (c < 0x20) {
            return "^" + (char) (c + 64);
        }
        if (c == 0x7f) {
            return "^?";
        }
        if (c >= 0x80 && c <= 0x9f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069
                || c == 0x200e || c == 0x200f || c == 0x061c) {
            return String.format("<U+%04X>", (int) c);
        }
        return null;
    }

    /** Writes through {@link #writer} and flushes it, for one block of unstyled output. */
    static void print(PrintWriter target, java.util.function.Consumer<PrintWriter> block) {
        PrintWriter w = writer(target);
        block.accept(w);
        w.flush();
    }
}
