package dev.sopctl.engine;

import dev.sopctl.output.ByteSizes;
import dev.sopctl.transcript.RunEvent;
import dev.sopctl.transport.OutputListener;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Bounds what one command's output adds to the transcript (and the terminal, which renders the
 * same events): per stream, the first {@link #HEAD} bytes of lines become {@code output} events as
 * they arrive; after that only the last {@link #TAIL} bytes are kept, and {@link #finish} writes a
 * notice saying how much was left out, with the size, line count and SHA-256 of the whole stream,
 * followed by the kept last lines. A command printing 200 MB thus adds about 1 MiB of output (some
 * 3.5 MB of transcript with the events' envelopes), and the
 * operator is told, instead of a transcript that grows with the output.
 *
 * <p>The SHA-256 is over the stream as recorded: each line, secrets redacted, in UTF-8 followed by
 * {@code \n}. Thread-safe: stdout and stderr arrive on different threads.
 */
final class OutputCap implements OutputListener {
    static final int HEAD = 512 * 1024;
    static final int TAIL = 512 * 1024;

    private final Emitter events;
    private final String step;
    private final String host;
    private final Map<Stream, Part> parts = new EnumMap<>(Stream.class);

    /** One stream's counts, digest and kept tail. */
    private static final class Part {
        final MessageDigest sha = sha256();
        final ArrayDeque<String> tail = new ArrayDeque<>();
        long bytes;
        long lines;
        long headBytes;
        long tailBytes;
        long omittedBytes;
        long omittedLines;
    }

    OutputCap(Emitter events, String step, String host) {
        this.events = events;
        this.step = step;
        this.host = host;
    }

    @Override
    public void line(Stream stream, String line) {
        String clean = events.redact(line);
        byte[] bytes = (clean + "\n").getBytes(StandardCharsets.UTF_8);
        boolean emit;
        synchronized (this) {
            Part p = parts.computeIfAbsent(stream, k -> new Part());
            p.sha.update(bytes);
            p.bytes += bytes.length;
            p.lines++;
            emit = p.headBytes + bytes.length <= HEAD && p.tail.isEmpty() && p.omittedLines == 0;
            if (emit) {
                p.headBytes += bytes.length;
            } else {
                p.tail.addLast(clean);
                p.tailBytes += bytes.length;
                while (p.tailBytes > TAIL && p.tail.size() > 1) {
                    String dropped = p.tail.removeFirst();
                    p.tailBytes -= dropped.getBytes(StandardCharsets.UTF_8).length + 1;
                    p.omittedBytes += dropped.getBytes(StandardCharsets.UTF_8).length + 1;
                    p.omittedLines++;
                }
            }
        }
        if (emit) {
            emitLine(stream, clean);
        }
    }

    /** Writes what was held back: for each stream that went past the head, the notice and the kept last lines. */
    void finish() {
        Map<Stream, Part> done;
        synchronized (this) {
            done = new EnumMap<>(parts);
            parts.clear();
        }
        done.forEach((stream, p) -> {
            if (p.omittedLines > 0) {
                String name = stream.name().toLowerCase(Locale.ROOT);
                String sha = HexFormat.of().formatHex(p.sha.digest());
                events.emit(new RunEvent.OutputCut(step, host, name, name + " was " + ByteSizes.human(p.bytes) + " in "
                        + p.lines + " lines: the transcript keeps the first " + ByteSizes.human(p.headBytes)
                        + " and the last " + ByteSizes.human(p.tailBytes) + "; " + ByteSizes.human(p.omittedBytes)
                        + " (" + p.omittedLines + " lines) left out; SHA-256 of the whole " + name + ": " + sha,
                        p.omittedBytes, p.omittedLines, p.bytes, sha));
            }
            for (String line : p.tail) {
                emitLine(stream, line);
            }
        });
    }

    private void emitLine(Stream stream, String line) {
        events.emit(new RunEvent.Output(step, host, stream.name().toLowerCase(Locale.ROOT), line));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
