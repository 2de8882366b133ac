package dev.sopctl.runbook.expr;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The variables an expression can read: parameters, the target host, captures of earlier steps.
 * Values are plain Java ({@code String}, {@code Long} or {@code Integer}, {@code Double},
 * {@code Boolean}, {@code java.time.Duration}, {@code List}, {@code Map<String, ?>}, or null).
 * A name can be defined with a null value: {@code has} is then true and {@code get} null.
 */
public interface Scope {
    boolean has(String name);

    /** The value of a defined name (may be null); unspecified for a name {@code has} denies. */
    Object get(String name);

    /** The names this scope can list, for "did you mean" hints; empty when it can't list them. */
    default Set<String> names() {
        return Set.of();
    }

    /** A read-only view of a map (not a copy: later changes to the map are seen). */
    static Scope of(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        Map<String, ?> view = Collections.unmodifiableMap(values);
        return new Scope() {
            @Override
            public boolean has(String name) {
                return view.containsKey(name);
            }

            @Override
            public Object get(String name) {
                return view.get(name);
            }

            @Override
            public Set<String> names() {
                return view.keySet();
            }
        };
    }

    /** Names from {@code first}, and from {@code fallback} for what {@code first} lacks. */
    static Scope chain(Scope first, Scope fallback) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(fallback, "fallback");
        return new Scope() {
            @Override
            public boolean has(String name) {
                return first.has(name) || fallback.has(name);
            }

            @Override
            public Object get(String name) {
                return first.has(name) ? first.get(name) : fallback.get(name);
            }

            @Override
            public Set<String> names() {
                Set<String> all = new LinkedHashSet<>(first.names());
                all.addAll(fallback.names());
                return Collections.unmodifiableSet(all);
            }
        };
    }

    /** A scope with no names. */
    static Scope empty() {
        return of(Map.of());
    }
}
