package dev.sopctl.runbook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validated, typed parameter values (see {@link ParameterValidator}); {@code secrets} holds the
 * values of secret parameters so they can be redacted everywhere.
 */
public record ParameterValues(Map<String, Object> values, List<String> secrets) {
    public ParameterValues {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        secrets = List.copyOf(secrets);
    }
}
