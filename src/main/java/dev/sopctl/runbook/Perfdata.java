package dev.sopctl.runbook;

import dev.sopctl.yaml.Location;
import java.util.Objects;
import java.util.Set;

/**
 * A value a check step declares graphable ({@code perfdata:} on a step of a check runbook): one of
 * the step's captures, written as monitoring-plugin performance data
 * {@code 'label'=value[UOM];warn;crit;min;max} by {@code sopctl check --format nagios}.
 *
 * @param label    the name monitors graph it under (no {@code =} or {@code '}; unique in its runbook)
 * @param capture  the step's capture holding the number
 * @param uom      unit of measure: empty, {@code s ms us % B KB MB GB TB c}
 * @param warn     the warning range, or null
 * @param crit     the critical range, or null
 * @param min      the smallest possible value, or null
 * @param max      the largest possible value, or null
 * @param location where it is written
 */
public record Perfdata(String label, String capture, String uom, NagiosRange warn, NagiosRange crit, Double min,
        Double max, Location location) {
    /** The units of measure the plugin guidelines allow (and GB, which graphers also read). */
    public static final Set<String> UNITS = Set.of("", "s", "ms", "us", "%", "B", "KB", "MB", "GB", "TB", "c");

    public Perfdata {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(location, "location");
        uom = uom == null ? "" : uom;
    }
}
