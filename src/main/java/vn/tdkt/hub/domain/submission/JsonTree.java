package vn.tdkt.hub.domain.submission;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Reads one JSON value from a parser into a read-only {@link JsonNode} tree: the tree Jackson's
 * {@code ObjectMapper.readTree} builds with {@code USE_BIG_DECIMAL_FOR_FLOATS} and {@code FAIL_ON_TRAILING_TOKENS}
 * (same node types, same values: integers as int, long or big-integer nodes, other numbers as decimals with their
 * trailing zeros stripped), and a key twice in one object refused, at a fraction of the cost.
 *
 * <p>Why: the intake reads every submission this way, and the general tree builder was its largest cost
 * (README "Performance"): an object's children are kept in a small array-backed map instead of a
 * {@code LinkedHashMap}, and a duplicate key is found by that map instead of a second hash set per object. Limits
 * on nesting depth and number length stay the parser's ({@code StreamReadConstraints}); recursion is therefore
 * bounded by the nesting limit. {@code JsonTreeTest} compares it with Jackson's own tree builder on every record of
 * the hostile corpus and on edge cases.
 */
final class JsonTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTree() {
    }

    /**
     * The parser's one value, or null when it holds no value at all. Anything after the value, a key twice in one
     * object or malformed JSON throws {@link JsonParseException} (with the parser's location).
     */
    static JsonNode read(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            return null;
        }
        JsonNode value = value(p, first);
        JsonToken after = p.nextToken();
        if (after != null) {
            throw new JsonParseException(p, "Trailing token (of type " + after + ") after the JSON value");
        }
        return value;
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT:
                return object(p);
            case START_ARRAY:
                return array(p);
            case VALUE_STRING:
                return TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(stripped(p.getDecimalValue()));
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.instance;
            default:
                throw new JsonParseException(p, "Unexpected token " + t);
        }
    }

    /** As Jackson's tree: trailing zeros stripped, unless the scale cannot hold it. */
    private static BigDecimal stripped(BigDecimal d) {
        try {
            return d.stripTrailingZeros();
        } catch (ArithmeticException e) {
            return d;
        }
    }

    private static ObjectNode object(JsonParser p) throws IOException {
        Children children = new Children();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonNode v = value(p, p.nextToken());
            if (children.put(name, v) != null) {
                throw new JsonParseException(p, "Duplicate field '" + name + "'");
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new JsonParseException(p, "Unexpected token " + t + " in an object");
        }
        return new ObjectNode(NODES, children);
    }

    private static ArrayNode array(JsonParser p) throws IOException {
        List<JsonNode> elements = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonParseException(p, "Unexpected end of input in an array");
            }
            elements.add(value(p, t));
        }
        return new ArrayNode(NODES, elements);
    }

    /**
     * An object's children in insertion order: two arrays searched linearly while small (the objects of a
     * submission have 2 to 8 keys), with a hash index once they grow, so a hostile object of many keys stays
     * linear to read. Read-only apart from {@link #put}, which the reader alone calls.
     */
    static final class Children extends AbstractMap<String, JsonNode> {

        private static final int LINEAR = 8;

        private String[] keys = new String[4];
        private JsonNode[] values = new JsonNode[4];
        private int size;
        private Map<String, Integer> index;

        @Override
        public int size() {
            return size;
        }

        @Override
        public JsonNode get(Object key) {
            int i = indexOf(key);
            return i < 0 ? null : values[i];
        }

        @Override
        public boolean containsKey(Object key) {
            return indexOf(key) >= 0;
        }

        /** Adds the child; returns the existing value and changes nothing when the key is present. */
        @Override
        public JsonNode put(String key, JsonNode value) {
            int i = indexOf(key);
            if (i >= 0) {
                return values[i];
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size] = value;
            if (index != null) {
                index.put(key, size);
            } else if (size + 1 > LINEAR) {
                index = new HashMap<>();
                for (int k = 0; k <= size; k++) {
                    index.put(keys[k], k);
                }
            }
            size++;
            return null;
        }

        private int indexOf(Object key) {
            if (index != null) {
                Integer i = index.get(key);
                return i == null ? -1 : i;
            }
            for (int i = 0; i < size; i++) {
                if (keys[i] == key) { // the parser's names are canonical: usually the same instance
                    return i;
                }
            }
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public Set<Entry<String, JsonNode>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return size;
                }

                @Override
                public Iterator<Entry<String, JsonNode>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Entry<String, JsonNode> next() {
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(keys[i], values[i]);
                        }
                    };
                }
            };
        }
    }
}
