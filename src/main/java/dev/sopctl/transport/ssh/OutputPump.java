package dev.sopctl.transport.ssh;

import dev.sopctl.transport.OutputListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one stream of a remote command on a transport thread: hands each line to the listener,
 * keeps the first {@code cap} bytes for the result, and throws the rest away so that a command
 * printing gigabytes costs a bounded amount of memory. It always reads to the end (a stream left
 * unread would fill the channel window and stall the remote command).
 *
 * <p>Lines are split on {@code \n}; a trailing {@code \r} is dropped; bytes are decoded as UTF-8
 * with malformed input replaced by U+FFFD. A line longer than {@link #MAX_LINE} bytes reaches the
 * listener in pieces of that size. On stderr, the pid marker line written by the command wrapper
 * (see {@link RemoteRun}) is taken out before anything else sees it.
 */
final class OutputPump implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(OutputPump.class);
    static final int MAX_LINE = 1 << 20;
    static final int READ_BYTES = 4 * 1024;
    static final String MARKER = "sopctl-pgid=";
    private static final Pattern MARKER_LINE = Pattern.compile(Pattern.quote(MARKER) + "(\\d{1,10})\r?");

    private final InputStream in;
    private final OutputListener.Stream stream;
    private final OutputListener listener;
    private final long cap;
    private final boolean expectMarker;
    private final Completion done;

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean firstLine = true;
    private volatile boolean truncated;
    private volatile long processGroup = -1;
    private volatile IOException failure;
    private boolean listenerFailed;

    OutputPump(InputStream in, OutputListener.Stream stream, OutputListener listener, long cap,
            boolean expectMarker, Completion done) {
        this.in = in;
        this.stream = stream;
        this.listener = listener;
        this.cap = cap;
        this.expectMarker = expectMarker;
        this.done = done;
    }

    @Override
    public void run() {
        // small: a fan-out has two pumps per host blocked in read() at once, each holding its buffer
        // (32 KiB: 13 MB at 200 hosts); lines are split byte by byte, so larger reads gain little
        byte[] buf = new byte[READ_BYTES];
        try {
            int n;
            while ((n = in.read(buf)) != -1) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    append(b);
                    if (b == '\n' || lineLength >= MAX_LINE) {
                        endLine();
                    }
                }
            }
            if (lineLength > 0) {
                endLine();
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            done.streamEnded();
        }
    }

    private void append(byte b) {
        if (lineLength == line.length) {
            byte[] bigger = new byte[Math.min(MAX_LINE, line.length * 2)];
            System.arraycopy(line, 0, bigger, 0, lineLength);
            line = bigger;
        }
        line[lineLength++] = b;
    }

    private void endLine() {
        int len = lineLength;
        lineLength = 0;
        if (firstLine) {
            firstLine = false;
            if (expectMarker && len < 64) {
                String text = new String(line, 0, len, StandardCharsets.US_ASCII).strip();
                Matcher m = MARKER_LINE.matcher(text);
                if (m.matches()) {
                    processGroup = Long.parseLong(m.group(1));
                    return;
                }
            }
        }
        keep(len);
        int textLength = len;
        if (textLength > 0 && line[textLength - 1] == '\n') {
            textLength--;
            if (textLength > 0 && line[textLength - 1] == '\r') {
                textLength--;
            }
        }
        String text = new String(line, 0, textLength, StandardCharsets.UTF_8);
        if (line.length > 64 * 1024) {
            line = new byte[256]; // do not hold a megabyte per stream after one long line
        }
        try {
            listener.line(stream, text);
        } catch (RuntimeException e) {
            if (!listenerFailed) {
                listenerFailed = true;
                log.warn("output listener failed on {}; output is still kept: {}", stream, e.toString());
            }
        }
    }

    private void keep(int len) {
        long room = cap - kept.size();
        if (room >= len) {
            kept.write(line, 0, len);
        } else {
            if (room > 0) {
                kept.write(line, 0, (int) room);
            }
            truncated = true;
        }
    }

    /** The kept output; call after the pump finished. A multi-byte character cut by the cap decodes to U+FFFD. */
    String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    boolean truncated() {
        return truncated;
    }

    /** The remote process group the wrapper reported, or -1 while it has not (yet). */
    long processGroup() {
        return processGroup;
    }

    /** Why reading stopped early (the connection dropped), or null after a clean end of stream. */
    IOException failure() {
        return failure;
    }
}
