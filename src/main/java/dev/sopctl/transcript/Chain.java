package dev.sopctl.transcript;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hash chain's arithmetic and reading a file's last line, shared by writer, store and verifier. */
final class Chain {
    /** The {@code prev} of a transcript's first line. */
    static final String START = "0".repeat(64);

    private Chain() {}

    /** Hex SHA-256 of a line's bytes, without its newline. */
    static String hash(byte[] line) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(line));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * A file's last line (without newline; null when the file is empty), whether the file ends with a
     * newline, and the file's size when it was read.
     */
    record Tail(byte[] lastLine, boolean endsWithNewline, long size) {}

    /** Reads the last line backwards from the end, so a long transcript is not read whole. */
    static Tail tail(Path file) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            if (size == 0) {
                return new Tail(null, true, 0);
            }
            boolean endsWithNewline = readAt(ch, size - 1, 1)[0] == '\n';
            long end = endsWithNewline ? size - 1 : size;
            long start = 0;
            long pos = end;
            search:
            while (pos > 0) {
                int n = (int) Math.min(8192, pos);
                byte[] block = readAt(ch, pos - n, n);
                for (int i = n - 1; i >= 0; i--) {
                    if (block[i] == '\n') {
                        start = pos - n + i + 1;
                        break search;
                    }
                }
                pos -= n;
            }
            long length = end - start;
            if (length > Integer.MAX_VALUE - 16) {
                throw new IOException("last line of " + file + " is too long (" + length + " bytes)");
            }
            return new Tail(readAt(ch, start, (int) length), endsWithNewline, size);
        }
    }

    private static byte[] readAt(SeekableByteChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        ch.position(position);
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new IOException("file shrank while reading");
            }
        }
        return buf.array();
    }
}
