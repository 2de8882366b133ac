package dev.sopctl.runbook;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A threshold range as the monitoring-plugin guidelines write it: {@code [@]start:end}. Start
 * and {@code :} may be left out when start is 0; {@code start:} means end is infinity; {@code ~}
 * is minus infinity. A value alerts when it lies outside the range (both ends included), or inside
 * it with {@code @}. Examples: {@code 10} alerts below 0 or above 10, {@code 10:} below 10,
 * {@code ~:10} above 10, {@code @10:20} from 10 to 20.
 *
 * @param text   the range as written, kept for performance data
 * @param start  the lower end (negative infinity for {@code ~})
 * @param end    the upper end (positive infinity when left out after {@code :})
 * @param inside alert inside the range instead of outside it ({@code @})
 */
public record NagiosRange(String text, double start, double end, boolean inside) {
    private static final String NUMBER = "[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)";
    private static final Pattern FORM = Pattern.compile("(@)?(?:(~|" + NUMBER + ")?(:))?(" + NUMBER + ")?");

    public NagiosRange {
        Objects.requireNonNull(text, "text");
    }

    /**
     * Reads a range.
     *
     * @throws IllegalArgumentException naming what is wrong with it (the caller names where it was written)
     */
    public static NagiosRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a range cannot be empty (like 10, 10:, ~:10, 10:20 or @10:20)");
        }
        String t = text.trim();
        Matcher m = FORM.matcher(t);
        if (!m.matches() || t.equals("@") || t.equals(":") || t.equals("@:")) {
            throw new IllegalArgumentException("'" + text + "' is not a range ([@]start:end, like 10, 10:, ~:10, 10:20 or @10:20)");
        }
        boolean inside = m.group(1) != null;
        boolean colon = m.group(3) != null;
        String startText = m.group(2);
        String endText = m.group(4);
        if (!colon && endText == null) {
            throw new IllegalArgumentException("'" + text + "' is not a range: it has no end");
        }
        double start = !colon || startText == null ? 0 : "~".equals(startText) ? Double.NEGATIVE_INFINITY
                : Double.parseDouble(startText);
        double end = endText == null ? Double.POSITIVE_INFINITY : Double.parseDouble(endText);
        if (start > end) {
            throw new IllegalArgumentException("'" + text + "' is not a range: its start " + startText
                    + " is above its end " + endText);
        }
        return new NagiosRange(t, start, end, inside);
    }

    /** Whether {@code value} raises the alert this range stands for. */
    public boolean alerts(double value) {
        boolean within = value >= start && value <= end;
        return inside == within;
    }

    @Override
    public String toString() {
        return text;
    }
}
