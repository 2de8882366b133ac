package dev.sopctl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.transcript.RunEvent;
import dev.sopctl.transcript.Redactor;
import dev.sopctl.transcript.TranscriptSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The emitter of a fan-out: every event to every sink, one at a time, before its emit returns. */
class EmitterTest {
    /** Records what it gets, and fails when two events overlap (sinks are not thread-safe). */
    private static final class OneAtATime implements TranscriptSink {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inside = new AtomicInteger();
        final AtomicBoolean overlapped = new AtomicBoolean();

        @Override
        public void write(String type, Map<String, Object> fields) {
            if (inside.incrementAndGet() > 1) {
                overlapped.set(true);
            }
            Thread.yield();
            seen.add(fields.get("host") + ":" + fields.get("message"));
            inside.decrementAndGet();
        }
    }

    @Test
    @Timeout(60)
    void parallelHostsGetEveryEventToEverySinkOneAtATimeInEachHostsOrder() throws Exception {
        // given two sinks and 64 host threads emitting 50 events each, all at once
        OneAtATime transcript = new OneAtATime();
        OneAtATime terminal = new OneAtATime();
        Emitter emitter = new Emitter(List.of(transcript, terminal), new Redactor(List.of("s3cret")));
        int hosts = 64;
        int events = 50;
        CyclicBarrier start = new CyclicBarrier(hosts);
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        for (int h = 0; h < hosts; h++) {
            String host = "h" + h;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < events; i++) {
                        emitter.emit(new RunEvent.Notice("exec", host, i + " s3cret"));
                        // when emit returns, its event reached both sinks
                        String expected = host + ":" + i + " ***";
                        if (!transcript.seen.contains(expected) || !terminal.seen.contains(expected)) {
                            throw new AssertionError(expected + " was not delivered when emit returned");
                        }
                    }
                } catch (Throwable e) {
                    failed.compareAndSet(null, e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }

        // then nothing was lost, doubled, overlapped or reordered within a host, and secrets stayed out
        assertThat(failed.get()).isNull();
        assertThat(transcript.overlapped).isFalse();
        assertThat(terminal.overlapped).isFalse();
        assertThat(transcript.seen).hasSize(hosts * events).doesNotHaveDuplicates();
        assertThat(terminal.seen).isEqualTo(transcript.seen);
        for (int h = 0; h < hosts; h++) {
            String prefix = "h" + h + ":";
            List<String> own = transcript.seen.stream().filter(s -> s.startsWith(prefix)).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                expected.add(prefix + i + " ***");
            }
            assertThat(own).isEqualTo(expected);
        }
    }

    @Test
    void whatASinkThrowsForAnEventReachesTheThreadThatEmittedItAndLaterEventsStillGoOut() {
        // given a transcript that cannot write one event
        List<String> seen = new ArrayList<>();
        TranscriptSink transcript = (type, fields) -> {
            if ("full".equals(fields.get("message"))) {
                throw new SopctlException(ExitCode.UNKNOWN, "cannot write transcript: disk full", null);
            }
            seen.add((String) fields.get("message"));
        };
        Emitter emitter = new Emitter(List.of(transcript), new Redactor(List.of()));

        // then its emit throws that, and the next event is written
        assertThatThrownBy(() -> emitter.emit(new RunEvent.Notice("exec", "h1", "full")))
                .isInstanceOf(SopctlException.class).hasMessageContaining("disk full");
        emitter.emit(new RunEvent.Notice("exec", "h1", "next"));
        assertThat(seen).containsExactly("next");
    }

    @Test
    @Timeout(60)
    void anInterruptWhileWaitingForTheSinksLosesNoEventAndIsKept() throws Exception {
        // given a sink busy with one host's event while a second host emits and is interrupted
        CountDownLatch inSink = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        TranscriptSink slow = (type, fields) -> {
            if ("first".equals(fields.get("message"))) {
                inSink.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            seen.add((String) fields.get("message"));
        };
        Emitter emitter = new Emitter(List.of(slow), new Redactor(List.of()));
        Thread first = new Thread(() -> emitter.emit(new RunEvent.Notice("exec", "h1", "first")));
        first.start();
        assertThat(inSink.await(30, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread second = new Thread(() -> {
            emitter.emit(new RunEvent.Notice("exec", "h2", "second"));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        second.start();
        second.interrupt();

        // when the sink is free again
        release.countDown();
        first.join();
        second.join();

        // then both events were delivered in order, and the second thread still knows it was interrupted
        assertThat(seen).containsExactly("first", "second");
        assertThat(stillInterrupted).isTrue();
    }
}
