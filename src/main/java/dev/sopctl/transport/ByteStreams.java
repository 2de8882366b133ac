package dev.sopctl.transport;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Raw byte streams for a remote command, for data that is not text: a disk image relayed from one
 * host to another, a file sent or fetched. Either may be null.
 *
 * @param stdin  read until its end and sent to the command's standard input, which is then closed
 *               (the command sees end of file); null: standard input is closed at once, like
 *               {@code ssh host command </dev/null}
 * @param stdout receives the command's standard output as it arrives, byte for byte, instead of the
 *               listener and the result; null: standard output is read as lines, as usual
 */
public record ByteStreams(InputStream stdin, OutputStream stdout) {
    public static final ByteStreams NONE = new ByteStreams(null, null);

    public static ByteStreams stdin(InputStream in) {
        return new ByteStreams(in, null);
    }

    public static ByteStreams stdout(OutputStream out) {
        return new ByteStreams(null, out);
    }
}
