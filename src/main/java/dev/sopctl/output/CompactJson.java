package dev.sopctl.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Plain values (maps with string keys, collections, strings, numbers, booleans, null) as one line of
 * JSON, through jackson-core's generator: the same bytes a default {@code ObjectMapper} writes, without
 * building one. A databind mapper costs about 0.1 s of a cold start (its serializers, date formats
 * and locale data), and every run writes its transcript before it can run anything.
 */
public final class CompactJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private CompactJson() {}

    /**
     * As {@code ObjectMapper.writeValueAsBytes} (UTF-8; a character outside the BMP as its escaped
     * surrogate pair, as Jackson's UTF-8 generator writes it).
     *
     * @throws IllegalArgumentException for a value that is not plain (a bean, a path, an enum): the
     *                                  caller turns those into strings first
     */
    public static byte[] bytes(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    /** As {@code ObjectMapper.writeValueAsString}: characters outside the BMP stay characters. */
    public static String string(Object value) {
        java.io.StringWriter out = new java.io.StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string writer does not fail
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Float f) {
            g.writeNumber(f);
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object key is not a string: " + e.getKey());
                }
                g.writeFieldName(key);
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            g.writeStartArray();
            for (Object v : list) {
                write(g, v);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("not a plain JSON value: " + value.getClass().getName());
        }
    }
}
