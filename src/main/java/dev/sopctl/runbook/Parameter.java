package dev.sopctl.runbook;

import dev.sopctl.yaml.Location;
import java.util.List;
import java.util.Objects;

/**
 * A typed runbook parameter.
 *
 * @param name         the name steps use ({@code {{ node }}}) and {@code -p name=value} sets
 * @param type         its type; the value is checked before anything runs
 * @param required     whether a value must be given (a parameter with a default never is)
 * @param defaultValue the default as written, or null
 * @param role         for {@code host}/{@code hosts}: the role every host must have, or null
 * @param clusterType  for {@code cluster}: the cluster type required, or null
 * @param values       for {@code enum}: the allowed values
 * @param pattern      for {@code string}: a regular expression the whole value must match, or null
 * @param min          for {@code int}: the smallest value allowed, or null
 * @param max          for {@code int}: the largest value allowed, or null
 * @param description  one line for help and {@code runbooks show}
 * @param within       for {@code ipv4}: the name of a {@code cidr} parameter whose subnet the address
 *                     must lie in (a gateway inside the new address's subnet); for {@code host}: the
 *                     name of a {@code cluster} parameter the host must be a member of (the victim of
 *                     a split brain); or null
 */
public record Parameter(
        String name,
        ParamType type,
        boolean required,
        String defaultValue,
        String role,
        String clusterType,
        List<String> values,
        String pattern,
        Long min,
        Long max,
        String description,
        Location location,
        String within) {

    /** A parameter without a {@code within} constraint. */
    public Parameter(String name, ParamType type, boolean required, String defaultValue, String role, String clusterType,
            List<String> values, String pattern, Long min, Long max, String description, Location location) {
        this(name, type, required, defaultValue, role, clusterType, values, pattern, min, max, description, location, null);
    }

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
        values = values == null ? List.of() : List.copyOf(values);
        description = description == null ? "" : description;
    }
}
