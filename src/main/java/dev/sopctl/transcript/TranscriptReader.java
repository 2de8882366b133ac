package dev.sopctl.transcript;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a transcript's events as plain maps, tolerantly: lines that are not JSON objects (a tail cut
 * by a kill, damage) are skipped. Use {@link TranscriptVerifier} to know whether a file is intact.
 */
public final class TranscriptReader {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final TypeReference<Map<String, Object>> EVENT = new TypeReference<>() {};

    private TranscriptReader() {}

    /**
     * @return the events in file order, each a map of plain values (String, Integer/Long/Double,
     *     Boolean, null, Map, List)
     * @throws SopctlException exit 3 when the file cannot be read
     */
    public static List<Map<String, Object>> read(Path file) {
        List<Map<String, Object>> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Map<String, Object> event = parse(line);
                if (event != null) {
                    events.add(event);
                }
            }
        } catch (IOException e) {
            throw new SopctlException(ExitCode.UNKNOWN, "cannot read transcript " + file + ": " + e.getMessage(), null, e);
        }
        return events;
    }

    /** One line as an event, or null when it is not a JSON object. */
    static Map<String, Object> parse(String line) {
        if (line == null || line.isBlank() || !line.stripLeading().startsWith("{")) {
            return null;
        }
        try {
            return JSON.readValue(line, EVENT);
        } catch (IOException e) {
            return null;
        }
    }
}
