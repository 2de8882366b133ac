package dev.sopctl.engine;

import dev.sopctl.transcript.Redactor;
import dev.sopctl.transcript.RunEvent;
import dev.sopctl.transcript.TranscriptSink;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Sends each run event, with secrets redacted, to every sink (the transcript file and the
 * terminal renderer). Redaction happens here, once, so no sink can see a secret.
 *
 * <p>Thread-safe: sinks get one event at a time, in the order {@link #emit} was called, and
 * {@code emit} returns once its event reached every sink (or throws what a sink threw for it). The
 * events of parallel hosts are queued and handed over by whichever emitting thread finds the sinks
 * free, as many as are waiting: the others wait for their own event only. With one lock taken in
 * turn, 200 hosts queued up behind each other (each hand-over a thread switch; most of a warm
 * 200-host command at load, see bench/STARTUP.md).
 */
final class Emitter {
    private final List<TranscriptSink> sinks;
    private final Redactor redactor;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** Held by the thread handing queued events to the sinks. */
    private final ReentrantLock delivering = new ReentrantLock();

    Emitter(List<TranscriptSink> sinks, Redactor redactor) {
        this.sinks = List.copyOf(sinks);
        this.redactor = redactor;
    }

    void emit(RunEvent event) {
        RunEvent clean = redactor.isEmpty() ? event : event.redacted(redactor::redactDeep);
        deliver(new Pending(s -> s.accept(clean)));
    }

    /** An update that sinks show but do not record (see {@link TranscriptSink#live}). */
    void live(RunEvent.Progress progress) {
        RunEvent.Progress clean = redactor.isEmpty() ? progress : (RunEvent.Progress) progress.redacted(redactor::redactDeep);
        deliver(new Pending(s -> s.live(clean)));
    }

    private void deliver(Pending pending) {
        queue.add(pending);
        // whoever holds the lock delivers what is queued; one that finds the queue non-empty after
        // its last look takes over, so nothing queued is left behind
        while (!queue.isEmpty() && delivering.tryLock()) {
            try {
                for (Pending next = queue.poll(); next != null; next = queue.poll()) {
                    next.deliverTo(sinks);
                }
            } finally {
                delivering.unlock();
            }
        }
        pending.awaitDelivered();
    }

    /** An event on its way to the sinks, and what a sink threw for it. */
    private static final class Pending {
        private final Consumer<TranscriptSink> action;
        private final CountDownLatch delivered = new CountDownLatch(1);
        private Throwable failure;

        Pending(Consumer<TranscriptSink> action) {
            this.action = action;
        }

        void deliverTo(List<TranscriptSink> sinks) {
            try {
                for (TranscriptSink s : sinks) {
                    action.accept(s);
                }
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                delivered.countDown();
            }
        }

        /** Waits (through interrupts, as a lock would: the event is on its way) and rethrows a sink's failure. */
        void awaitDelivered() {
            boolean interrupted = false;
            while (true) {
                try {
                    delivered.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
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
