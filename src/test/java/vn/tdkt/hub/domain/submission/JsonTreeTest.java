package vn.tdkt.hub.domain.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import vn.tdkt.hub.e2e.HostileCorpusTest;

/**
 * {@link JsonTree} against Jackson's own tree builder, configured as the intake's reader was before it
 * ({@code readTree} with strict duplicate detection, decimals for floats, no trailing tokens, the same limits):
 * on every record of the hostile corpus and on edge cases of numbers, keys and trailing content, both must give
 * the same tree (node types and exact decimal values included), or both must refuse the input, for the same kind
 * of reason (a limit, or malformed JSON).
 */
class JsonTreeTest {

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(RecordReader.MAX_NESTING_DEPTH)
            .maxNumberLength(RecordReader.MAX_NUMBER_LENGTH)
            .build();
    private static final JsonFactory FACTORY = JsonFactory.builder().streamReadConstraints(LIMITS).build();
    private static final ObjectMapper REFERENCE = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(LIMITS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** What reading gave: a tree (null for no content), or the kind of failure. */
    private record Outcome(JsonNode tree, String failure) {
    }

    private static Outcome ours(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            return new Outcome(JsonTree.read(p), null);
        } catch (StreamConstraintsException e) {
            return new Outcome(null, "limit");
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(null, "malformed");
        }
    }

    private static Outcome reference(String text) {
        try {
            JsonNode n = REFERENCE.readTree(text);
            return new Outcome(n == null || n.isMissingNode() ? null : n, null);
        } catch (StreamConstraintsException e) {
            return new Outcome(null, "limit");
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(null, "malformed");
        }
    }

    private static void assertSameAsReference(String name, String text) {
        Outcome expected = reference(text);
        Outcome actual = ours(text);
        assertThat(actual.failure()).as(name + ": failure").isEqualTo(expected.failure());
        if (expected.tree() == null) {
            assertThat(actual.tree()).as(name + ": no content").isNull();
        } else {
            assertSameTree(name, "$", expected.tree(), actual.tree());
        }
    }

    /** Same node classes, same keys in the same order, same values (decimals with their scale). */
    private static void assertSameTree(String name, String path, JsonNode expected, JsonNode actual) {
        assertThat(actual).as(name + " at " + path).isNotNull();
        assertThat(actual.getClass()).as(name + " at " + path + ": node type").isEqualTo(expected.getClass());
        if (expected.isObject()) {
            List<String> expectedKeys = new ArrayList<>();
            List<String> actualKeys = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedKeys::add);
            actual.fieldNames().forEachRemaining(actualKeys::add);
            assertThat(actualKeys).as(name + " at " + path + ": keys").isEqualTo(expectedKeys);
            for (String key : expectedKeys) {
                assertSameTree(name, path + "." + key, expected.get(key), actual.get(key));
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(name + " at " + path + ": size").isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSameTree(name, path + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else if (expected.isBigDecimal()) {
            assertThat(actual.decimalValue()).as(name + " at " + path).isEqualTo(expected.decimalValue());
            assertThat(actual.decimalValue().scale()).as(name + " at " + path + ": scale")
                    .isEqualTo(expected.decimalValue().scale());
        } else {
            assertThat(actual).as(name + " at " + path).isEqualTo(expected);
        }
        assertThat(actual).as(name + " at " + path + ": equals").isEqualTo(expected);
    }

    @Test
    void everyHostileRecordGivesJacksonsTreeOrItsRefusal() throws IOException {
        int compared = 0;
        int refused = 0;
        for (HostileCorpusTest.Entry e : HostileCorpusTest.corpus()) {
            String text = RecordReader.decodeUtf8(e.value());
            if (text == null) {
                continue; // not UTF-8: refused before any parsing
            }
            assertSameAsReference(e.name(), text);
            compared++;
            if (reference(text).failure() != null) {
                refused++;
            }
        }
        // the corpus holds both kinds in number: the comparison covers refusals and trees
        assertThat(compared).isGreaterThan(400);
        assertThat(refused).isGreaterThan(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"a\":12}", "{\"a\":12.0}", "{\"a\":12.50}", "{\"a\":1e3}", "{\"a\":1E+3}", "{\"a\":-0}",
            "{\"a\":-0.0}", "{\"a\":0.000}", "{\"a\":2147483647}", "{\"a\":2147483648}", "{\"a\":-2147483649}",
            "{\"a\":9223372036854775807}", "{\"a\":9223372036854775808}", "{\"a\":123456789012345678901234567890}",
            "{\"a\":1.5e-7}", "{\"a\":1e-2147483649}", "{\"a\":1e2147483648}", "{\"a\":NaN}", "{\"a\":Infinity}",
            "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}",
            "{}", "[]", "[[]]", "{\"a\":{}}", "{\"a\":[{}, [], null, true, false, \"x\", 1, 1.5]}", "\"text\"", "12",
            "null", "true", "", "   ", "nul", "{", "}", "[1,2", "{\"a\":1,}", "[1,]", "{\"a\" 1}", "{a:1}",
            "{'a':1}", "{} x", "{}{}", "{} {}", "[1] 2", "{}   ", "  {\"a\":1}  ", "{\"a\":1}/*c*/", "// c\n{}",
            "{\"a\":1,\"a\":2}", "{\"a\":1,\"b\":{\"c\":1,\"c\":1}}", "[{\"x\":1},{\"x\":2,\"x\":3}]",
            "{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":10,\"k3\":0}",
            "{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":10,\"k11\":11}",
            "{\"\":1,\"\\u0061\":2,\"a\":3}", "{\"\":1,\"\":2}", "{\"\\ud800\":\"\\udc00\"}", "{\"a\":\"\\u00e9\"}",
            "{\"a\":\"x\ty\"}", "{\"a\":\"x\\ty\"}", "{\"caf\u00e9\":\"\u1ebf\"}"})
    void edgeCasesGiveJacksonsTreeOrItsRefusal(String text) {
        assertSameAsReference(text, text);
    }

    @Test
    void nestingAndNumberLengthLimitsAreThoseOfTheParser() {
        String deep = "[".repeat(RecordReader.MAX_NESTING_DEPTH + 1) + "]".repeat(RecordReader.MAX_NESTING_DEPTH + 1);
        String deepest = "[".repeat(RecordReader.MAX_NESTING_DEPTH) + "]".repeat(RecordReader.MAX_NESTING_DEPTH);
        String longNumber = "{\"a\":" + "1".repeat(RecordReader.MAX_NUMBER_LENGTH + 1) + "}";
        assertThat(ours(deep).failure()).isEqualTo("limit");
        assertThat(ours(longNumber).failure()).isEqualTo("limit");
        assertThat(ours(deepest).failure()).isNull();
        assertSameAsReference("deep", deep);
        assertSameAsReference("deepest", deepest);
        assertSameAsReference("long number", longNumber);
    }

    @Test
    void aLargeObjectIsReadWithEveryKeyFoundAndItsDuplicateRefused() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 5_000; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        String unique = json + "}";
        JsonNode tree = ours(unique).tree();
        assertThat(tree.size()).isEqualTo(5_000);
        assertThat(tree.get("k0").intValue()).isZero();
        assertThat(tree.get("k4999").intValue()).isEqualTo(4999);
        assertThat(tree.get("k5000")).isNull();
        assertSameAsReference("5,000 keys", unique);
        assertThat(ours(json + ",\"k2500\":1}").failure()).isEqualTo("malformed");
    }

    @Test
    void anObjectsChildrenIterateInTheirOrderAndAreReadOnly() {
        JsonNode tree = ours("{\"b\":1,\"a\":2,\"c\":{\"z\":true}}").tree();
        Iterator<Map.Entry<String, JsonNode>> it = tree.properties().iterator();
        List<String> keys = new ArrayList<>();
        it.forEachRemaining(e -> keys.add(e.getKey()));
        assertThat(keys).containsExactly("b", "a", "c");
        Map.Entry<String, JsonNode> first = tree.properties().iterator().next();
        try {
            first.setValue(null);
            fail("an entry of the tree could be changed");
        } catch (UnsupportedOperationException expected) {
            assertThat(tree.get("b").intValue()).isEqualTo(1);
        }
    }

    @Test
    void theRecordReaderGivesThisTreeFromUtf8AndFromAsciiBytes() throws IOException {
        for (String json : List.of("{\"submissionId\":\"s-1\",\"unitCode\":\"S\u1ede-01\",\"n\":[1.50,2]}",
                "{\"submissionId\":\"s-1\",\"unitCode\":\"SO-01\",\"n\":[1.50,2]}")) {
            JsonNode read = RecordReader.read(json.getBytes(StandardCharsets.UTF_8), 1 << 20).root();
            assertSameTree(json, "$", REFERENCE.readTree(json), read);
        }
    }
}
