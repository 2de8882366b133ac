package dev.sopctl.engine;

import dev.sopctl.yaml.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link RunResult} as plain values for {@code -o json}. Values are already redacted by the executor. */
public final class ResultJson {
    private ResultJson() {}

    public static Map<String, Object> of(RunService.Outcome outcome) {
        RunResult r = outcome.result();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", outcome.runId());
        m.put("runbook", outcome.plan().runbook().name());
        m.put("exit", r.exitCode());
        m.put("outcome", r.outcome().id());
        m.put("message", r.message());
        m.put("hint", r.hint());
        m.put("duration_ms", r.duration().toMillis());
        m.put("transcript", outcome.transcript().toString());
        List<Object> steps = new ArrayList<>();
        for (StepResult s : r.steps()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("step", s.stepId());
            sm.put("title", s.title());
            sm.put("exit", s.exitCode());
            if (s.notice() != null) {
                sm.put("notice", s.notice());
            }
            List<Object> hosts = new ArrayList<>();
            for (HostResult h : s.hosts()) {
                Map<String, Object> hm = new LinkedHashMap<>();
                hm.put("host", h.host());
                hm.put("outcome", h.outcome().id());
                hm.put("exit", h.exitCode());
                hm.put("exit_status", h.exitStatus());
                hm.put("message", h.message());
                hm.put("hint", h.hint());
                hm.put("stdout", h.stdout());
                hm.put("stderr", h.stderr());
                hm.put("duration_ms", h.duration().toMillis());
                hosts.add(hm);
            }
            sm.put("hosts", hosts);
            steps.add(sm);
        }
        m.put("steps", steps);
        m.put("captured", plain(r.captured()));
        return m;
    }

    /** Captured values as JSON can hold them: durations as text ({@code 1m30s}). */
    private static Object plain(Object value) {
        if (value instanceof Duration d) {
            return Durations.format(d);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, plain(v)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(ResultJson::plain).toList();
        }
        return value;
    }
}
