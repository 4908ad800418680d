package vn.tdkt.hub.domain.submission;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;

import vn.tdkt.hub.domain.registry.PeriodDef;
import vn.tdkt.hub.domain.registry.Registry;

/**
 * Strict reading of one incoming JSON record, shared by {@link SubmissionValidator} and the command validator
 * (contracts.md, "Submission", "Command" and "Rejection"). One instance per record: it parses the value and
 * collects every {@link Reason} found while the caller reads the fields through it.
 *
 * <p>Parsing, in this order, stopping at the first failure (the record as a whole, so {@code field} is null):
 * <ul>
 *   <li>a value over the size limit is {@code TOO_LARGE} and is not decoded nor parsed at all;</li>
 *   <li>a null value (Kafka tombstone), an empty value, bytes that are not strict UTF-8, or text that is not one
 *       JSON value is {@code MALFORMED_JSON}. Strict means: no {@code NaN}/{@code Infinity}, no unescaped control
 *       characters, nothing after the value, no key twice in one object (a duplicate key is ambiguous input, so
 *       the spec's "not JSON" reason {@code MALFORMED_JSON} is used), nesting at most {@value #MAX_NESTING_DEPTH}
 *       deep, numbers at most {@value #MAX_NUMBER_LENGTH} characters long, and no string (key or value, of a known
 *       field or not) holding a lone surrogate (U+D800 to U+DFFF written as a JSON escape without its pair): such
 *       a string is not Unicode text and has no UTF-8 form, like the raw bytes {@code ED A0 80}, which are not
 *       UTF-8 either;</li>
 *   <li>a JSON value that is not an object is {@code SCHEMA}.</li>
 * </ul>
 *
 * <p>Field rules: an explicit {@code null} counts as absent; a missing required field or a field of the wrong
 * JSON type is {@code SCHEMA}; a string of a known field containing a control character (U+0000 to U+001F,
 * U+007F) is {@code INVALID_VALUE} and its other format checks are skipped. Numbers are exact
 * ({@link BigDecimal}) and must be sane: absolute value at most 10^15 and at most 12 fractional digits once
 * trailing zeros are removed, otherwise {@code INVALID_VALUE} (huge or over-precise numbers are hostile input,
 * not results). Accepted numbers are normalised: trailing zeros stripped and no negative scale ({@code 12.0}
 * becomes {@code 12}, {@code 1E+3} becomes {@code 1000}), the value itself unchanged.
 *
 * <p>Messages are Vietnamese, for the department's staff; a value echoed in a message is stripped of control
 * characters and cut to {@value #MAX_ECHO} characters.
 *
 * <p>Choice where the spec is silent: a hostile 1 MiB record can break a rule tens of thousands of times, and a
 * rejection listing them all would not fit in a Kafka record. So at most {@value #MAX_LISTED_REASONS} reasons are
 * listed, plus the first reason of every code not listed yet (so the set of codes is always complete), plus, when
 * some were left out, one last reason (with the code of the first one left out, {@code field} null) saying how many.
 */
public final class RecordReader {

    /** The hub's default record size limit: 1 MiB (contracts.md, "Submission"). */
    public static final int DEFAULT_MAX_BYTES = 1_048_576;
    static final int MAX_NESTING_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 100;
    static final int MAX_LISTED_REASONS = 100;
    static final int MAX_ECHO = 100;
    private static final int MAX_FRACTION_DIGITS = 12;
    private static final BigDecimal MAX_ABS = BigDecimal.TEN.pow(15);
    private static final int MAX_ID_LENGTH = 64;

    /** The parser's limits; a key twice in one object is refused by {@link JsonTree}, which builds the tree. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build();

    private final List<Reason> reasons = new ArrayList<>();
    private final Set<ReasonCode> listedCodes = EnumSet.noneOf(ReasonCode.class);
    private int omitted;
    private ReasonCode firstOmitted;
    private final JsonNode root;

    private RecordReader(byte[] value, int maxBytes) {
        root = parse(value, maxBytes);
    }

    /** Reads {@code value} with the size limit {@code maxBytes}; see the class comment for the rules. */
    public static RecordReader read(byte[] value, int maxBytes) {
        return new RecordReader(value, maxBytes);
    }

    /** The record's JSON object, or null when the value could not be parsed as one (a reason is recorded). */
    public JsonNode root() {
        return root;
    }

    /** The reasons found so far, in the order found (see the class comment for the limit). */
    public List<Reason> reasons() {
        if (omitted == 0) {
            return reasons;
        }
        List<Reason> all = new ArrayList<>(reasons);
        all.add(new Reason(firstOmitted, null, "Còn %d lỗi khác không được liệt kê (chỉ liệt kê tối đa %d lỗi)"
                .formatted(omitted, MAX_LISTED_REASONS)));
        return all;
    }

    /** Records a reason ({@code field} null for the record as a whole). */
    public void add(ReasonCode code, String field, String message) {
        boolean newCode = listedCodes.add(code);
        if (reasons.size() < MAX_LISTED_REASONS || newCode) {
            reasons.add(new Reason(code, field, message));
        } else if (omitted++ == 0) {
            firstOmitted = code;
        }
    }

    /** {@code value} as text when it is strict UTF-8 (malformed or unmappable input reported), else null. */
    public static String decodeUtf8(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The field's node, or null when it is absent or an explicit {@code null}. */
    public static JsonNode present(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        return node == null || node.isNull() ? null : node;
    }

    /** The field's value when it is a non-empty string (whatever it contains), else null. */
    public static String text(JsonNode parent, String name) {
        JsonNode node = present(parent, name);
        return node != null && node.isTextual() && !node.textValue().isEmpty() ? node.textValue() : null;
    }

    /** {@code value} fit to be shown in a message: control characters removed, at most 100 characters. */
    public static String shown(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_ECHO + 1));
        int i = 0;
        for (; i < value.length() && out.length() < MAX_ECHO; i++) {
            char c = value.charAt(i);
            if (!isControl(c)) {
                out.append(c);
            }
        }
        if (i < value.length()) {
            if (Character.isHighSurrogate(out.charAt(out.length() - 1))) {
                out.setLength(out.length() - 1);
            }
            out.append('…');
        }
        return out.toString();
    }

    /**
     * {@code code} when it can stand for the unit of a rejection (contracts.md, "Rejection": its {@code unitCode},
     * also the rejected record's key): 1 to 64 characters without control characters; else null. A longer or
     * control-laden text is not a unit code, and could not be stored nor published with the rejection.
     */
    public static String unitCodeOrNull(String code) {
        if (code == null || code.isEmpty() || code.length() > MAX_ID_LENGTH) {
            return null;
        }
        for (int i = 0; i < code.length(); i++) {
            if (isControl(code.charAt(i))) {
                return null;
            }
        }
        return code;
    }

    /** Whether {@code id} is 1 to 64 characters of {@code A-Z a-z 0-9 - _ .} (submissionId, commandId). */
    public static boolean isRecordId(String id) {
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Records a missing required field. */
    public void missing(String path) {
        add(ReasonCode.SCHEMA, path, "Thiếu trường bắt buộc \"%s\"".formatted(path));
    }

    /** Records a field of the wrong JSON type; {@code expected} names the type in Vietnamese. */
    public void wrongType(String path, String expected) {
        add(ReasonCode.SCHEMA, path, "Trường \"%s\" phải là %s".formatted(path, expected));
    }

    /** A string field, checked for type and control characters; null when absent or invalid. */
    public String string(JsonNode parent, String name, String path, boolean required) {
        JsonNode node = present(parent, name);
        if (node == null) {
            if (required) {
                missing(path);
            }
            return null;
        }
        if (!node.isTextual()) {
            wrongType(path, "chuỗi ký tự");
            return null;
        }
        String value = node.textValue();
        for (int i = 0; i < value.length(); i++) {
            if (isControl(value.charAt(i))) {
                add(ReasonCode.INVALID_VALUE, path, ("Trường \"%s\" chứa ký tự điều khiển (như xuống dòng, tab),"
                        + " không được phép").formatted(path));
                return null;
            }
        }
        return value;
    }

    /** A string field that must not be empty ({@code INVALID_VALUE} when it is). */
    public String nonEmptyString(JsonNode parent, String name, String path, boolean required) {
        String value = string(parent, name, path, required);
        if (value != null && value.isEmpty()) {
            add(ReasonCode.INVALID_VALUE, path, "Trường \"%s\" không được để trống".formatted(path));
            return null;
        }
        return value;
    }

    /** A required top-level record identifier ({@link #isRecordId}); malformed (empty included) is {@code SCHEMA}. */
    public String recordId(JsonNode parent, String name) {
        String value = string(parent, name, name, true);
        if (value != null && !isRecordId(value)) {
            add(ReasonCode.SCHEMA, name, ("Mã \"%s\" của trường \"%s\" không hợp lệ: cần từ 1 đến 64 ký tự gồm chữ"
                    + " cái không dấu A-Z, a-z, chữ số 0-9 và các ký tự - _ .").formatted(shown(value), name));
            return null;
        }
        return value;
    }

    /** A required period {@code YYYY} (four ASCII digits); malformed is {@code SCHEMA}. */
    public String period(JsonNode parent, String name) {
        String value = string(parent, name, name, true);
        if (value == null) {
            return null;
        }
        boolean ok = value.length() == 4;
        for (int i = 0; ok && i < 4; i++) {
            ok = value.charAt(i) >= '0' && value.charAt(i) <= '9';
        }
        if (!ok) {
            add(ReasonCode.SCHEMA, name, "Kỳ thi đua \"%s\" không hợp lệ: phải là năm gồm 4 chữ số (YYYY)"
                    .formatted(shown(value)));
            return null;
        }
        return value;
    }

    /** A required ISO-8601 date-time with an offset; malformed is {@code SCHEMA}. */
    public OffsetDateTime dateTime(JsonNode parent, String name) {
        String value = string(parent, name, name, true);
        if (value == null) {
            return null;
        }
        try {
            return IsoDateTime.parse(value);
        } catch (DateTimeParseException e) {
            add(ReasonCode.SCHEMA, name, ("Thời điểm \"%s\" của trường \"%s\" không hợp lệ: phải theo ISO-8601 có"
                    + " múi giờ, ví dụ 2024-01-12T09:30:00+07:00").formatted(shown(value), name));
            return null;
        }
    }

    /**
     * A string field that must be one of {@code allowed} (an enumeration); another string is {@code INVALID_VALUE}.
     * {@code label} names the field in Vietnamese.
     */
    public String choice(JsonNode parent, String name, String path, List<String> allowed, String label) {
        String value = string(parent, name, path, true);
        if (value != null && !allowed.contains(value)) {
            add(ReasonCode.INVALID_VALUE, path, "%s \"%s\" không hợp lệ: phải là một trong %s"
                    .formatted(label, shown(value), String.join(", ", allowed)));
            return null;
        }
        return value;
    }

    /** A boolean field; another type is {@code SCHEMA}. */
    public Boolean bool(JsonNode parent, String name, String path, boolean required) {
        JsonNode node = present(parent, name);
        if (node == null) {
            if (required) {
                missing(path);
            }
            return null;
        }
        if (!node.isBoolean()) {
            wrongType(path, "giá trị true/false");
            return null;
        }
        return node.booleanValue();
    }

    /** A number field: type-checked ({@code SCHEMA}) and sane ({@link #number(JsonNode, String)}). */
    public BigDecimal number(JsonNode parent, String name, String path, boolean required) {
        JsonNode node = present(parent, name);
        if (node == null) {
            if (required) {
                missing(path);
            }
            return null;
        }
        if (!node.isNumber()) {
            wrongType(path, "số");
            return null;
        }
        return number(node, path);
    }

    /**
     * The normalised value of a number node, or null with {@code INVALID_VALUE} when it is outside the sane
     * range (absolute value over 10^15, or more than 12 fractional digits).
     */
    public BigDecimal number(JsonNode numberNode, String path) {
        if (numberNode.isInt()) { // most numbers: in range, and normalised as they are (scale 0)
            return BigDecimal.valueOf(numberNode.intValue());
        }
        BigDecimal value = numberNode.decimalValue();
        BigDecimal stripped = value.abs().compareTo(MAX_ABS) > 0 ? null : value.stripTrailingZeros();
        if (stripped == null || stripped.scale() > MAX_FRACTION_DIGITS) {
            add(ReasonCode.INVALID_VALUE, path, ("Giá trị %s của trường \"%s\" nằm ngoài phạm vi cho phép (trị tuyệt"
                    + " đối tối đa 10^15, tối đa 12 chữ số thập phân)").formatted(shown(value.toString()), path));
            return null;
        }
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** An optional object field; another type is {@code SCHEMA}; null when absent or invalid. */
    public JsonNode object(JsonNode parent, String name, String path) {
        JsonNode node = present(parent, name);
        if (node != null && !node.isObject()) {
            wrongType(path, "đối tượng JSON");
            return null;
        }
        return node;
    }

    /** An optional array field; another type is {@code SCHEMA}; null when absent or invalid. */
    public JsonNode array(JsonNode parent, String name, String path) {
        JsonNode node = present(parent, name);
        if (node != null && !node.isArray()) {
            wrongType(path, "mảng");
            return null;
        }
        return node;
    }

    /** Element {@code index} of {@code array} when it is an object, else null with {@code SCHEMA}. */
    public JsonNode element(JsonNode array, int index, String path) {
        JsonNode node = array.get(index);
        if (!node.isObject()) {
            wrongType(path, "đối tượng JSON");
            return null;
        }
        return node;
    }

    /** The registry's period {@code period}, or null with {@code UNKNOWN_PERIOD} when it has none. */
    public PeriodDef knownPeriod(Registry registry, String period) {
        PeriodDef def = registry.periods().get(period);
        if (def == null) {
            add(ReasonCode.UNKNOWN_PERIOD, "period", "Kỳ thi đua năm %s không có trong danh mục".formatted(period));
        }
        return def;
    }

    /** Whether the registry has unit {@code unitCode}; records {@code UNKNOWN_UNIT} when not. */
    public boolean knownUnit(Registry registry, String unitCode) {
        boolean known = registry.units().containsKey(unitCode);
        if (!known) {
            add(ReasonCode.UNKNOWN_UNIT, "unitCode", "Đơn vị \"%s\" không có trong danh mục đơn vị"
                    .formatted(shown(unitCode)));
        }
        return known;
    }

    private JsonNode parse(byte[] value, int maxBytes) {
        if (value != null && value.length > maxBytes) {
            add(ReasonCode.TOO_LARGE, null, "Bản ghi có kích thước %d byte, vượt quá giới hạn %d byte"
                    .formatted(value.length, maxBytes));
            return null;
        }
        // Plain ASCII (bytes 1..127, most records) is strict UTF-8 as it is: Jackson reads the bytes themselves,
        // with the same result as from the decoded text (no NUL byte, so no UTF-16/32 detection either).
        int scan = value == null ? NOT_PLAIN_ASCII : scanAscii(value);
        boolean ascii = scan != NOT_PLAIN_ASCII;
        String text = value == null || ascii ? null : decodeUtf8(value);
        if (!ascii && text == null) {
            add(ReasonCode.MALFORMED_JSON, null, value == null ? "Bản ghi không có nội dung"
                    : "Bản ghi không phải văn bản UTF-8 hợp lệ");
            return null;
        }
        JsonNode node;
        try (JsonParser parser = ascii ? JSON.createParser(value) : JSON.createParser(text)) {
            node = JsonTree.read(parser);
        } catch (StreamConstraintsException e) {
            add(ReasonCode.MALFORMED_JSON, null, ("Bản ghi JSON vượt giới hạn cho phép: lồng nhau quá %d cấp hoặc có"
                    + " số dài quá %d ký tự").formatted(MAX_NESTING_DEPTH, MAX_NUMBER_LENGTH));
            return null;
        } catch (IOException | IllegalArgumentException e) {
            // Jackson lets a NumberFormatException escape for an exponent BigDecimal cannot hold (1e-2147483649)
            add(ReasonCode.MALFORMED_JSON, null, malformedMessage(e));
            return null;
        }
        if (node == null) {
            add(ReasonCode.MALFORMED_JSON, null, "Bản ghi không có nội dung JSON");
            return null;
        }
        // strict UTF-8 never decodes to a lone surrogate: only a \\u escape in the text can make one
        boolean escapes = ascii ? scan == PLAIN_ASCII_WITH_U_ESCAPE : text.contains("\\u");
        if (escapes && hasLoneSurrogate(node)) {
            add(ReasonCode.MALFORMED_JSON, null, "Bản ghi chứa chuỗi ký tự không phải Unicode hợp lệ (nửa cặp"
                    + " surrogate đơn lẻ, ví dụ \\ud800), không biểu diễn được bằng UTF-8");
            return null;
        }
        if (!node.isObject()) {
            add(ReasonCode.SCHEMA, null, "Bản ghi phải là một đối tượng JSON { … }");
            return null;
        }
        return node;
    }

    static final int NOT_PLAIN_ASCII = 0;
    static final int PLAIN_ASCII = 1;
    /** Plain ASCII holding a backslash followed by {@code u} (a JSON {@code \\u} escape, or text around one). */
    static final int PLAIN_ASCII_WITH_U_ESCAPE = 2;

    /**
     * One pass over the bytes: {@link #NOT_PLAIN_ASCII} unless every byte is 1..127 (ASCII text without NUL),
     * else whether they hold a backslash followed by {@code u}.
     */
    static int scanAscii(byte[] value) {
        boolean escape = false;
        int last = value.length - 1;
        for (int i = 0; i <= last; i++) {
            byte b = value[i];
            if (b <= 0) {
                return NOT_PLAIN_ASCII;
            }
            if (b == '\\' && i < last && value[i + 1] == 'u') {
                escape = true;
            }
        }
        return escape ? PLAIN_ASCII_WITH_U_ESCAPE : PLAIN_ASCII;
    }

    /** Whether a key or a string value anywhere in {@code node} has an unpaired UTF-16 surrogate. */
    private static boolean hasLoneSurrogate(JsonNode node) {
        if (node.isTextual()) {
            return hasLoneSurrogate(node.textValue());
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (hasLoneSurrogate(field.getKey()) || hasLoneSurrogate(field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        for (JsonNode element : node) { // the elements of an array; other nodes have none
            if (hasLoneSurrogate(element)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String malformedMessage(Exception e) {
        JsonLocation at = e instanceof JsonProcessingException jpe ? jpe.getLocation() : null;
        String where = at == null || at.getLineNr() < 1 ? ""
                : " (lỗi ở dòng %d, cột %d)".formatted(at.getLineNr(), at.getColumnNr());
        return "Bản ghi không phải JSON hợp lệ" + where + ". Lưu ý: không chấp nhận NaN/Infinity, khóa trùng lặp"
                + " trong một đối tượng hay nội dung thừa sau đối tượng JSON";
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7F;
    }
}
