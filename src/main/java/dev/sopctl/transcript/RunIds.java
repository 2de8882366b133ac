package dev.sopctl.transcript;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Run ids like {@code 20261123-142501-a1b2c3}: the UTC start time to the second and six random
 * hex digits. Ids sort by start time, are safe as file names and short enough to type a prefix.
 */
public final class RunIds {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {}

    /** A new run id for a run starting now on {@code clock}. Thread-safe. */
    public static String newRunId(Clock clock) {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return FORMAT.format(clock.instant()) + "-" + HexFormat.of().formatHex(random);
    }
}
