package dev.sopctl.transcript;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TranscriptSink} for tests that keeps every event in memory, in order. Thread-safe.
 *
 * <pre>{@code
 * RecordingSink transcript = new RecordingSink();
 * executor.run(plan, transcript);
 * assertThat(transcript.types()).containsSubsequence("run-start", "step-start", "run-end");
 * assertThat(transcript.ofType("command")).extracting(e -> e.get("command")).contains("xl list");
 * }</pre>
 */
public final class RecordingSink implements TranscriptSink {
    /** One recorded event; {@code fields} is an unmodifiable copy (null values kept). */
    public record Event(String type, Map<String, Object> fields) {
        public Object get(String field) {
            return fields.get(field);
        }
    }

    private final List<Event> events = new ArrayList<>();
    private final List<Event> live = new ArrayList<>();

    @Override
    public synchronized void live(RunEvent.Progress progress) {
        live.add(new Event(progress.type(), Collections.unmodifiableMap(new LinkedHashMap<>(progress.fields()))));
    }

    /** The live updates (shown, not recorded), in order. */
    public synchronized List<Event> live() {
        return List.copyOf(live);
    }

    @Override
    public synchronized void write(String type, Map<String, Object> fields) {
        events.add(new Event(type, Collections.unmodifiableMap(new LinkedHashMap<>(fields == null ? Map.of() : fields))));
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public synchronized List<String> types() {
        return events.stream().map(Event::type).toList();
    }

    public synchronized List<Event> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    public synchronized void clear() {
        events.clear();
    }
}
