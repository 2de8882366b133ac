package dev.sopctl.output;

import java.util.Locale;

/** Byte counts for people: binary units, one decimal ({@code 512 B}, {@code 1.5 KiB}, {@code 14.0 GiB}). */
public final class ByteSizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private ByteSizes() {}

    /** Whole bytes below 1 KiB are shown as an integer; a fraction is kept ({@code 0.5 B}). */
    public static String human(double n) {
        double v = Math.abs(n);
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        if (unit == 0) {
            return plain(n) + " B";
        }
        String shown = String.format(Locale.ROOT, "%.1f", v);
        if (shown.equals("1024.0") && unit < UNITS.length - 1) {
            shown = "1.0";
            unit++;
        }
        return (n < 0 ? "-" : "") + shown + " " + UNITS[unit];
    }

    private static String plain(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
}
