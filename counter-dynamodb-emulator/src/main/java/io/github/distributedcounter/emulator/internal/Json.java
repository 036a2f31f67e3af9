package io.github.distributedcounter.emulator.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * DynamoDB's JSON 1.0 bodies read into plain maps, lists, strings, booleans and {@link BigDecimal}s, and
 * written back from those and from {@link Value}s.
 */
final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    /** The request body as a map; malformed JSON or a body that is not an object is a SerializationException. */
    static Map<String, Object> parseObject(byte[] body) {
        if (body.length == 0) {
            return new LinkedHashMap<>();
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw ServiceError.serialization("Start of structure or map found where not expected");
            }
            Map<String, Object> result = readObject(parser);
            if (parser.nextToken() != null) {
                throw ServiceError.serialization("Unexpected content after the end of the request body");
            }
            return result;
        } catch (JacksonException e) {
            // DynamoDB answers a body that is not JSON with the type alone
            throw ServiceError.serialization(null);
        }
    }

    private static Object read(JsonParser parser, JsonToken token) {
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw ServiceError.serialization("Unexpected token " + token);
        };
    }

    private static Map<String, Object> readObject(JsonParser parser) {
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            map.put(name, read(parser, parser.nextToken()));
        }
        if (token != JsonToken.END_OBJECT) {
            throw ServiceError.serialization("Unexpected token " + token);
        }
        return map;
    }

    private static List<Object> readArray(JsonParser parser) {
        List<Object> list = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw ServiceError.serialization("Unexpected end of input");
            }
            list.add(read(parser, token));
        }
        return list;
    }

    /** Writes a response body: maps, collections, strings, booleans, numbers and {@link Value}s. */
    static byte[] write(Object body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            write(generator, body);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Object value) {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Value v) {
            writeValue(g, v);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            g.writeStartArray();
            for (Object element : list) {
                write(g, element);
            }
            g.writeEndArray();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else {
            throw new IllegalArgumentException("Cannot write " + value.getClass());
        }
    }

    private static void writeValue(JsonGenerator g, Value value) {
        g.writeStartObject();
        g.writeName(value.type().name());
        if (value instanceof Value.S s) {
            g.writeString(s.value());
        } else if (value instanceof Value.N n) {
            g.writeString(Numbers.format(n.value()));
        } else if (value instanceof Value.B b) {
            g.writeString(b.value().toString());
        } else if (value instanceof Value.SS ss) {
            g.writeStartArray();
            for (String s : ss.values()) {
                g.writeString(s);
            }
            g.writeEndArray();
        } else if (value instanceof Value.NS ns) {
            g.writeStartArray();
            for (BigDecimal n : ns.values()) {
                g.writeString(Numbers.format(n));
            }
            g.writeEndArray();
        } else if (value instanceof Value.BS bs) {
            g.writeStartArray();
            for (Value.Bytes b : bs.values()) {
                g.writeString(b.toString());
            }
            g.writeEndArray();
        } else if (value instanceof Value.M m) {
            g.writeStartObject();
            for (Map.Entry<String, Value> e : m.values().entrySet()) {
                g.writeName(e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Value.L l) {
            g.writeStartArray();
            for (Value element : l.values()) {
                writeValue(g, element);
            }
            g.writeEndArray();
        } else if (value instanceof Value.Bool b) {
            g.writeBoolean(b.value());
        } else {
            g.writeBoolean(true);
        }
        g.writeEndObject();
    }

    static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw ServiceError.serialization("Base64 encoded length is expected a multiple of 4 bytes but found: "
                    + text.length());
        }
    }
}
