package dev.sopctl.check;

import dev.sopctl.runbook.Runbook;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a check runbook chosen by {@code sopctl check}: its parameters (fix switch off) and the
 * hosts its plan reaches.
 */
public record CheckInvocation(Runbook runbook, Map<String, String> params, List<String> hosts) {
    public CheckInvocation {
        Objects.requireNonNull(runbook, "runbook");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        hosts = List.copyOf(hosts);
    }
}
