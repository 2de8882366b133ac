package dev.sopctl.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One check on one host: a row of the check table.
 *
 * @param runbook    the check runbook's name
 * @param check      the check step's id
 * @param title      the step's title
 * @param host       the host
 * @param state      the verdict
 * @param outcome    the step outcome it comes from ({@code guard-failed}, {@code unreachable} …)
 * @param detail     the one-line evidence ("pemon not running"), or "" when there is none
 * @param captured   the values the step captured on the host (redacted), by name
 * @param perfdata   the graphable values the step declares, for this host
 * @param durationMs how long the step took on the host
 */
public record CheckRow(String runbook, String check, String title, String host, CheckState state, String outcome,
        String detail, Map<String, Object> captured, List<PerfValue> perfdata, long durationMs) {
    public CheckRow {
        Objects.requireNonNull(runbook, "runbook");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
        captured = Collections.unmodifiableMap(new LinkedHashMap<>(captured));
        perfdata = List.copyOf(perfdata);
    }

    /** {@code runbook/check}, the check's full name. */
    public String name() {
        return runbook + "/" + check;
    }

    /** Whether the detail says the check found something broken and repaired it. */
    public boolean repaired() {
        return detail.startsWith("repaired");
    }
}
