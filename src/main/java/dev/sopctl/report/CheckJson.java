package dev.sopctl.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The check table as plain values for {@code -o json}: each check's status, detail and captured values. */
public final class CheckJson {
    private CheckJson() {}

    public static List<Object> rows(CheckReport report) {
        List<Object> out = new ArrayList<>();
        for (CheckRow r : report.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runbook", r.runbook());
            m.put("check", r.check());
            m.put("title", r.title());
            m.put("host", r.host());
            m.put("status", r.state().name());
            m.put("detail", r.detail());
            m.put("outcome", r.outcome());
            m.put("captured", plain(r.captured()));
            if (!r.perfdata().isEmpty()) {
                List<Object> perf = new ArrayList<>();
                r.perfdata().forEach(p -> {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put("label", p.label());
                    pm.put("value", p.value());
                    pm.put("uom", p.uom());
                    pm.put("warn", p.warn() == null ? null : p.warn().text());
                    pm.put("crit", p.crit() == null ? null : p.crit().text());
                    perf.add(pm);
                });
                m.put("perfdata", perf);
            }
            m.put("duration_ms", r.durationMs());
            out.add(m);
        }
        return out;
    }

    public static List<Object> skipped(CheckReport report) {
        List<Object> out = new ArrayList<>();
        report.skipped().forEach(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runbook", s.runbook());
            m.put("check", s.check());
            m.put("host", s.host());
            m.put("reason", s.reason());
            out.add(m);
        });
        return out;
    }

    /** Captured values as JSON holds them: durations as text ({@code 1m30s}), as {@code captured} in the run result. */
    private static Object plain(Object value) {
        if (value instanceof Duration d) {
            return dev.sopctl.yaml.Durations.format(d);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, plain(v)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(CheckJson::plain).toList();
        }
        return value;
    }
}
