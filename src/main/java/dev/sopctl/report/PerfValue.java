package dev.sopctl.report;

import dev.sopctl.runbook.NagiosRange;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One graphable number of a check on a host, as performance data.
 *
 * @param label the perfdata label (the runbook's, prefixed by the host)
 * @param value the number, or null when the host did not capture one (written {@code U})
 * @param uom   the unit ({@code ""} for none)
 * @param warn  the warning range in force (the runbook's, or the one given on the command line), or null
 * @param crit  the critical range in force, or null
 * @param min   smallest possible value, or null
 * @param max   largest possible value, or null
 */
public record PerfValue(String label, Double value, String uom, NagiosRange warn, NagiosRange crit, Double min,
        Double max) {
    public PerfValue {
        Objects.requireNonNull(label, "label");
        uom = uom == null ? "" : uom;
    }

    /** {@code 'label'=value[UOM];warn;crit;min;max}, trailing empty fields dropped. */
    public String format() {
        String[] tail = {warn == null ? "" : warn.text(), crit == null ? "" : crit.text(), number(min), number(max)};
        int last = tail.length;
        while (last > 0 && tail[last - 1].isEmpty()) {
            last--;
        }
        StringBuilder b = new StringBuilder("'").append(label.replace("'", "''")).append("'=")
                .append(value == null ? "U" : number(value) + uom);
        for (int i = 0; i < last; i++) {
            b.append(';').append(tail[i]);
        }
        return b.toString();
    }

    /** A number as plain decimals ([-0-9.] only, as the guidelines ask), or "" for null. */
    static String number(Double d) {
        if (d == null) {
            return "";
        }
        if (d.isNaN() || d.isInfinite()) {
            return "";
        }
        String s = new BigDecimal(d.toString()).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
