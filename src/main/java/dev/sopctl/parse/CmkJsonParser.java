package dev.sopctl.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cmk-json}: what CloudMonkey ({@code cmk -o json}) prints for CloudStack API calls: one JSON
 * object per call, the API response without its {@code listxxxresponse} wrapper
 * ({@code {"count": 2, "managementserver": [...]}}, {@code {"configuration": [...]}}, {@code {}}
 * for an empty list). A command may print several (one call per cluster).
 *
 * <p>Result: {@code responses} (each object, in order) and, for every key whose value is a list,
 * that key with the items of every response joined ({@code out.host}, {@code out.configuration});
 * a list no response had is absent (read it with {@code default(out.host, [])}). Whole numbers are
 * Longs.
 *
 * <p>cmk reports a failed call as a line {@code 🙈 Error: ...} (exit 1): an API that does not answer
 * (connection refused, timeout) or answers with an error. That is UNKNOWN, naming the endpoint when
 * cmk's message has it, as is JSON that cannot be read.
 */
public final class CmkJsonParser implements OutputParser {
    static final String NAME = "cmk-json";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern ERROR = Pattern.compile("^(?:\\S+\\s+)?Error:\\s*(.*)$");
    private static final Pattern URL = Pattern.compile("(https?://[^\\s\"?]+)");

    @Override
    public Map<String, Object> parse(String stdout) {
        String text = stdout == null ? "" : stdout;
        for (String line : Text.lines(text)) {
            Matcher m = ERROR.matcher(line.strip());
            if (m.matches() && !line.strip().startsWith("{") && !line.strip().startsWith("\"")) {
                throw apiError(m.group(1));
            }
        }
        List<Object> responses = new ArrayList<>();
        Map<String, List<Object>> joined = new LinkedHashMap<>();
        try (MappingIterator<Object> it = MAPPER.readerFor(Object.class).readValues(text)) {
            while (it.hasNextValue()) {
                Object value = it.nextValue();
                if (!(value instanceof Map<?, ?> map)) {
                    throw new ParseException(NAME + ": expected a JSON object for each API call, found "
                            + (value == null ? "null" : value instanceof List ? "a list" : "'" + Text.abbreviate(String.valueOf(value)) + "'"));
                }
                responses.add(value);
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (e.getValue() instanceof List<?> items) {
                        joined.computeIfAbsent(String.valueOf(e.getKey()), k -> new ArrayList<>()).addAll(items);
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new ParseException(NAME + ": malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ParseException(NAME + ": cannot read the output: " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof ParseException p) {
                throw p;
            }
            // MappingIterator wraps what it meets while reading ahead
            Throwable cause = e.getCause() instanceof JsonProcessingException j ? j : e;
            throw new ParseException(NAME + ": malformed JSON: " + (cause instanceof JsonProcessingException j
                    ? j.getOriginalMessage() + " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr()
                    : cause.getMessage()));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        joined.forEach((k, v) -> result.put(k, Collections.unmodifiableList(v)));
        result.put("responses", Collections.unmodifiableList(responses));
        return Collections.unmodifiableMap(result);
    }

    private static ParseException apiError(String message) {
        Matcher url = URL.matcher(message);
        if (url.find()) {
            int colon = message.lastIndexOf(": ");
            String why = colon < 0 ? message : message.substring(colon + 2);
            return new ParseException("the CloudStack API did not answer at " + url.group(1) + " (" + Text.abbreviate(why) + ")",
                    "is cloudstack-management running there, and is cmk's url (~/.cmk/config) right? nothing is known of the estate from this step");
        }
        return new ParseException("the CloudStack API answered with an error: " + Text.abbreviate(message),
                "an HTTP 530 with a DB Exception: the management server cannot reach its database (db.properties' db.cloud.host);"
                        + " otherwise see management-server.log");
    }
}
