package dev.sopctl.engine;

import dev.sopctl.transcript.Redactor;
import dev.sopctl.transcript.RunEvent;
import dev.sopctl.transcript.TranscriptSink;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends each run event, with secrets redacted, to every sink (the transcript file and the
 * terminal renderer). Redaction happens here, once, so no sink can see a secret. Thread-safe:
 * events from parallel hosts are written one at a time.
 */
final class Emitter {
    private final List<TranscriptSink> sinks;
    private final Redactor redactor;

    Emitter(List<TranscriptSink> sinks, Redactor redactor) {
        this.sinks = List.copyOf(sinks);
        this.redactor = redactor;
    }

    synchronized void emit(RunEvent event) {
        RunEvent clean = redactor.isEmpty() ? event : event.redacted(redactor::redactDeep);
        for (TranscriptSink s : sinks) {
            s.accept(clean);
        }
    }

    /** An update that sinks show but do not record (see {@link TranscriptSink#live}). */
    synchronized void live(RunEvent.Progress progress) {
        RunEvent.Progress clean = redactor.isEmpty() ? progress : (RunEvent.Progress) progress.redacted(redactor::redactDeep);
        for (TranscriptSink s : sinks) {
            s.live(clean);
        }
    }

    void notice(String step, String host, String message) {
        emit(new RunEvent.Notice(step, host, message));
    }

    String redact(String text) {
        return text == null ? null : redactor.redact(text);
    }

    /** Each host's captured values, redacted (a copy), in host order. */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> redactCaptures(Map<String, Map<String, Object>> captured) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        captured.forEach((host, values) -> {
            synchronized (values) {
                out.put(host, (Map<String, Object>) redactor.redactDeep(values));
            }
        });
        return out;
    }
}
