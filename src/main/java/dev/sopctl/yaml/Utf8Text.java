package dev.sopctl.yaml;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a file's bytes as UTF-8, strictly: a byte sequence that is not UTF-8 is an error at its
 * line and column (a Latin-1 {@code é} saved by an old editor), never a silent replacement
 * character that would end up in a command.
 */
public final class Utf8Text {
    private Utf8Text() {}

    /**
     * @param source names the file in the message
     * @throws SopctlException (65) naming {@code source:line:col} and the offending byte
     */
    public static String decode(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw notUtf8(bytes, in.position(), source);
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static SopctlException notUtf8(byte[] bytes, int offset, String source) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        // the bytes before the bad one on its line decoded fine, so their characters give the column
        int column = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
        return new SopctlException(ExitCode.INVALID_INPUT, new Location(source, line, column)
                + String.format(": not UTF-8: byte 0x%02X cannot start or continue a character here", bytes[offset] & 0xff),
                "save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)");
    }
}
