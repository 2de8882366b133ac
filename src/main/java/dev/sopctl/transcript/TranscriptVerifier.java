package dev.sopctl.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a transcript's integrity for {@code sopctl transcript verify}: every line is a JSON object,
 * {@code seq} counts up by one (starting again at 1 where another run was appended), and every
 * {@code prev} is the SHA-256 of the line before it (64 zeros on the first line). So an edited,
 * removed, inserted or reordered line is found, and the first such line is reported.
 *
 * <p>A partial last line (a write cut by a kill) is not an error: it is reported as
 * {@link VerifyResult#truncatedTail()} and the lines before it are checked as usual. Nor is a
 * missing {@code run-end} ({@link VerifyResult#complete()} is false).
 *
 * <p>A hash chain alone cannot tell lines removed from the end, or an edited last line, from a
 * shorter run: {@link SealCheck} compares each run with the seal kept apart from the transcript for
 * that. Stateless and thread-safe.
 */
public final class TranscriptVerifier {

    /** @throws SopctlException exit 3 when the file cannot be read */
    public VerifyResult verify(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return verify(in);
        } catch (IOException e) {
            throw new SopctlException(ExitCode.UNKNOWN, "cannot read transcript " + file + ": " + e.getMessage(), null, e);
        }
    }

    VerifyResult verify(InputStream in) throws IOException {
        String prevHash = Chain.START;
        long prevSeq = 0;
        String prevRun = null;
        int events = 0;
        boolean complete = false;
        int lineNumber = 0;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        while (true) {
            buffer.reset();
            boolean terminated = readLine(in, buffer);
            if (!terminated && buffer.size() == 0) {
                break; // end of file after a newline
            }
            lineNumber++;
            byte[] line = buffer.toByteArray();
            JsonNode node = parse(line);
            if (node == null) {
                if (!terminated) {
                    return new VerifyResult(true, events, complete, true, null, 0);
                }
                return bad(events, lineNumber, line.length == 0
                        ? "empty line — edited or damaged"
                        : "not a JSON object — edited or damaged");
            }
            JsonNode seq = node.get(TranscriptEvents.SEQ);
            JsonNode prev = node.get(TranscriptEvents.PREV);
            JsonNode run = node.get(TranscriptEvents.RUN);
            JsonNode type = node.get(TranscriptEvents.TYPE);
            String missing = seq == null || !seq.canConvertToLong() || !seq.isIntegralNumber() ? TranscriptEvents.SEQ
                    : prev == null || !prev.isTextual() ? TranscriptEvents.PREV
                    : run == null || !run.isTextual() ? TranscriptEvents.RUN
                    : type == null || !type.isTextual() ? TranscriptEvents.TYPE
                    : null;
            if (missing != null) {
                return bad(events, lineNumber, "missing or invalid '" + missing + "' — edited or not a sopctl transcript");
            }
            if (!prev.asText().equals(prevHash)) {
                return bad(events, lineNumber, lineNumber == 1
                        ? "prev is not the start of a chain — lines removed from the start"
                        : "prev does not match line " + (lineNumber - 1) + " — edited or lines removed");
            }
            long n = seq.asLong();
            boolean nextInRun = n == prevSeq + 1 && (prevRun == null || prevRun.equals(run.asText()));
            boolean newRun = n == 1 && !run.asText().equals(prevRun);
            if (!nextInRun && !newRun) {
                return bad(events, lineNumber, lineNumber == 1
                        ? "seq is " + n + ", expected 1 — lines removed from the start"
                        : "seq " + n + " follows seq " + prevSeq + " — lines removed or reordered");
            }
            events++;
            if (TranscriptEvents.RUN_START.equals(type.asText())) {
                complete = false;
            } else if (TranscriptEvents.RUN_END.equals(type.asText())) {
                complete = true;
            }
            prevHash = Chain.hash(line);
            prevSeq = n;
            prevRun = run.asText();
            if (!terminated) {
                break; // a whole event without its newline: valid, nothing follows
            }
        }
        return new VerifyResult(true, events, complete, false, null, 0);
    }

    private static VerifyResult bad(int events, int lineNumber, String why) {
        return new VerifyResult(false, events, false, false, "line " + lineNumber + ": " + why, lineNumber);
    }

    /** Reads up to and excluding the next newline; returns whether a newline ended it. */
    private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return true;
            }
            line.write(b);
        }
        return false;
    }

    private static JsonNode parse(byte[] line) {
        if (line.length == 0) {
            return null;
        }
        try {
            JsonNode node = TranscriptReader.JSON.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
