package dev.sopctl.report;

import dev.sopctl.transcript.RunEvent;
import dev.sopctl.transcript.TranscriptSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Keeps a run's step-end events (already redacted) for the check table. Thread-safe. */
public final class StepEndRecorder implements TranscriptSink {
    private final List<RunEvent.StepEnd> ends = new ArrayList<>();

    @Override
    public void write(String type, Map<String, Object> fields) {
    }

    @Override
    public synchronized void accept(RunEvent event) {
        if (event instanceof RunEvent.StepEnd e) {
            ends.add(e);
        }
    }

    public synchronized List<RunEvent.StepEnd> ends() {
        return List.copyOf(ends);
    }
}
