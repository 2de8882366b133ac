package dev.sopctl.transport.ssh;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The server's side of a connection up to and including its identification line ({@code SSH-2.0-…}),
 * read the way OpenSSH's client reads it; everything after passes through untouched.
 *
 * <p>RFC 4253 §4.2 lets a server send other lines before its identification. sshj accepts any
 * number of them, of any length, and re-reads the whole line so far for every byte that arrives: a
 * peer that is not an SSH server (a port taken by another service, a tarpit) holds the connection
 * forever and keeps a core busy. Like OpenSSH ({@code kex_exchange_identification}), this stream
 * reads the lines before the identification itself, drops them, and gives up after
 * {@link #MAX_LINES} of them or on a line longer than {@link #MAX_LINE} bytes; sshj then sees
 * only the identification line. How long the peer may take is bounded by the caller (the
 * transport's connect deadline closes the connection).
 *
 * <p>Not thread-safe; one reader, as sshj reads a connection from one thread at a time.
 */
final class IdentificationGuard extends FilterInputStream {
    /** OpenSSH's {@code SSH_MAX_PRE_BANNER_LINES}. */
    static final int MAX_LINES = 1024;
    /** OpenSSH's {@code SSH_MAX_BANNER_LEN}. */
    static final int MAX_LINE = 8192;
    private static final byte[] SSH = "SSH-".getBytes(StandardCharsets.US_ASCII);

    /** Thrown when the peer's first lines show it is not an SSH server. */
    static final class NotSshException extends IOException {
        NotSshException(String message) {
            super(message);
        }
    }

    private final byte[] chunk = new byte[MAX_LINE];
    private byte[] line = new byte[256];
    private int lineLength;
    private int linesDropped;
    private long bytesDropped;
    private String firstLine;
    /** Bytes read ahead that belong to sshj: the identification line and whatever followed it. */
    private byte[] replay;
    private int replayPos;
    private boolean identified;

    IdentificationGuard(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!identified && !readIdentification()) {
            return -1;
        }
        if (replay != null) {
            int n = Math.min(len, replay.length - replayPos);
            System.arraycopy(replay, replayPos, b, off, n);
            replayPos += n;
            if (replayPos == replay.length) {
                replay = null;
            }
            return n;
        }
        return in.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return replay != null ? replay.length - replayPos : identified ? in.available() : 0;
    }

    @Override
    public long skip(long n) throws IOException {
        // sshj never skips; reading keeps the identification logic in one place
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        int r = read(sink, 0, sink.length);
        return Math.max(r, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Lines the peer sent before its identification (or before giving up). */
    int linesBefore() {
        return linesDropped;
    }

    /** What the peer sent before its identification, for messages: the start of its first line, printable. */
    String firstLine() {
        return firstLine;
    }

    /**
     * Reads until a line starts with {@code SSH-}; keeps that line and what followed it for sshj.
     *
     * @return false when the peer closed the connection first (sshj then reports the closed connection)
     */
    private boolean readIdentification() throws IOException {
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                // a socket read does not notice interrupts; a peer that trickles bytes would hold us
                throw new java.io.InterruptedIOException("interrupted while waiting for the SSH identification");
            }
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) {
                identified = true;
                return false;
            }
            for (int i = 0; i < n; i++) {
                byte c = chunk[i];
                append(c);
                if (lineLength == SSH.length && Arrays.equals(line, 0, SSH.length, SSH, 0, SSH.length)) {
                    // the identification: hand it and everything after it to sshj
                    replay = new byte[lineLength + n - i - 1];
                    System.arraycopy(line, 0, replay, 0, lineLength);
                    System.arraycopy(chunk, i + 1, replay, lineLength, n - i - 1);
                    identified = true;
                    return true;
                }
                if (c == '\n') {
                    dropLine();
                } else if (lineLength > MAX_LINE) {
                    throw new NotSshException("it sent a line of more than " + MAX_LINE + " bytes without an SSH identification"
                            + describeFirst());
                }
            }
        }
    }

    private void append(byte c) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(line.length * 2, MAX_LINE + 1));
        }
        line[lineLength++] = c;
    }

    private void dropLine() throws NotSshException {
        if (firstLine == null) {
            firstLine = printable(line, lineLength);
        }
        bytesDropped += lineLength;
        lineLength = 0;
        linesDropped++;
        if (linesDropped >= MAX_LINES) {
            throw new NotSshException("it sent " + linesDropped + " lines (" + bytesDropped
                    + " bytes) without an SSH identification" + describeFirst());
        }
    }

    private String describeFirst() {
        String first = firstLine != null ? firstLine : printable(line, Math.min(lineLength, 60));
        return first.isEmpty() ? "" : "; it began with \"" + first + "\"";
    }

    /** At most 60 characters, printable ASCII only (the peer's bytes reach a terminal in messages). */
    private static String printable(byte[] bytes, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length && sb.length() < 60; i++) {
            int c = bytes[i] & 0xff;
            if (c == '\r' || c == '\n') {
                continue;
            }
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        return sb.toString();
    }
}
