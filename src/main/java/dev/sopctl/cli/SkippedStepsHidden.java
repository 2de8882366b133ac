package dev.sopctl.cli;

import dev.sopctl.transcript.RunEvent;
import dev.sopctl.transcript.TranscriptSink;
import java.util.Map;

/**
 * For a check run without {@code -v}: drops "skipped" host lines, and the heading of a step that
 * was skipped everywhere, so a healthy check shows its checks and not the repairs it did not need.
 * A step's heading is held back until something of that step is shown.
 */
final class SkippedStepsHidden implements TranscriptSink {
    private final TranscriptSink next;
    private RunEvent.StepStart pending;

    SkippedStepsHidden(TranscriptSink next) {
        this.next = next;
    }

    @Override
    public void write(String type, Map<String, Object> fields) {
        next.write(type, fields);
    }

    @Override
    public synchronized void accept(RunEvent event) {
        if (event instanceof RunEvent.StepStart s) {
            pending = s;
            return;
        }
        if (event instanceof RunEvent.StepEnd e && "skipped".equals(e.outcome())) {
            return;
        }
        if (pending != null && !(event instanceof RunEvent.RunEnd)) {
            next.accept(pending);
        }
        pending = null;
        next.accept(event);
    }

    @Override
    public void live(RunEvent.Progress progress) {
        next.live(progress);
    }
}
