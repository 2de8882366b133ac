package dev.sopctl.transcript;

import java.util.Map;

/**
 * Where a run's events go. {@link TranscriptWriter} is the real one; {@link #NONE} drops
 * everything. Implementations are thread-safe: a fan-out writes from several threads.
 */
@FunctionalInterface
public interface TranscriptSink {
    /** Drops every event. */
    TranscriptSink NONE = (type, fields) -> {};

    /**
     * Records one event.
     *
     * @param type an event type, usually one of {@link TranscriptEvents}' types
     * @param fields plain values (String, Number, Boolean, null, Map, List); field names as in
     *     {@link TranscriptEvents}; must not use the envelope names (time, run, seq, type, prev)
     * @throws dev.sopctl.SopctlException the event could not be recorded (exit 3)
     */
    void write(String type, Map<String, Object> fields);

    /** Records one typed run event; by default as its transcript type and fields. */
    default void accept(RunEvent event) {
        write(event.type(), event.fields());
    }

    /**
     * A live update to show, not to record: a transfer's progress several times a second. The
     * transcript ignores these (what it keeps of a transfer is one {@code transfer} event at its end).
     */
    default void live(RunEvent.Progress progress) {
    }
}
