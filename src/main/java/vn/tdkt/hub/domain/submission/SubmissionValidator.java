package vn.tdkt.hub.domain.submission;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.Criterion;
import vn.tdkt.hub.domain.registry.Method;
import vn.tdkt.hub.domain.registry.PeriodDef;
import vn.tdkt.hub.domain.registry.Rating;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.scoring.Members;

/**
 * Parses and validates one record of {@code tdkt.results} against the registry (contracts.md, "Submission";
 * rulebook section 1 for what {@code actual} may be). Every rule is checked and every reason that applies is
 * reported; the record is accepted or rejected as a whole. Thread-safe and stateless apart from the size limit.
 *
 * <p>Parsing, size, type, control-character and number-range rules are those of {@link RecordReader}. Choices
 * where the spec is silent:
 * <ul>
 *   <li>An empty {@code submissionId} is malformed ({@code SCHEMA}); an empty {@code unitCode}, {@code criterion},
 *       {@code staffCode}, {@code fullName} or initiative {@code title} is {@code INVALID_VALUE}.</li>
 *   <li>{@code target} is read only for {@code TARGET}/{@code TARGET_LOWER}; for other methods it is ignored
 *       (not checked, not kept).</li>
 *   <li>When the unit's table cannot be found (unknown period or unit), {@code criterion} and {@code actual} are only
 *       type-checked ({@code actual}: a number or true/false) and {@code target} is not read.</li>
 *   <li>A field whose own value is invalid (for instance a {@code unitCode} with a control character) is not looked
 *       up in the registry, so one fault gives one reason.</li>
 *   <li>{@code members} needs both {@code total} and {@code women}; they must fit a Java {@code int}.</li>
 *   <li>A repeated criterion or staff code is reported on its second and later occurrences.</li>
 *   <li>A {@code staffCode} longer than {@value #MAX_STAFF_CODE} UTF-16 code units is {@code INVALID_VALUE}: an
 *       identifier, like {@code submissionId}, and the hub stores it in a 64-character column (a longer one would
 *       fail the database write of the whole batch, over and over).</li>
 *   <li>A {@code fullName} longer than {@value #MAX_FULL_NAME} or an initiative {@code title} longer than
 *       {@value #MAX_TITLE} UTF-16 code units is {@code INVALID_VALUE}: they are printed on certificates and
 *       carried by every award event and letter, and no real name or title comes near these lengths (a 1 MB
 *       name would make the award events of a close too large to publish).</li>
 *   <li>The {@link Verdict.Invalid#unitCode()} (the rejection's {@code unitCode} and key) is the record's
 *       {@code unitCode}, else the record key, whichever first passes {@link RecordReader#unitCodeOrNull}; else
 *       null. A text with control characters or over 64 characters is not a unit code, and would break the
 *       rejection's storage (PostgreSQL refuses U+0000) or its publication (a key of a megabyte).</li>
 *   <li>{@code results} and {@code nominees} that are absent or empty arrays give one {@code SCHEMA} reason on
 *       {@code results}; one of them of the wrong type is reported on its own.</li>
 * </ul>
 * Accepted numbers are normalised by {@link RecordReader}; a PASS_FAIL {@code actual} becomes 1 or 0.
 */
public final class SubmissionValidator {

    private static final List<String> GENDERS = List.of("F", "M");
    private static final List<String> RATINGS = Arrays.stream(Rating.values()).map(Enum::name).toList();
    private static final List<String> LEVELS = Arrays.stream(InitiativeLevel.values()).map(Enum::name).toList();
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final int MAX_STAFF_CODE = 64;
    static final int MAX_FULL_NAME = 200;
    static final int MAX_TITLE = 500;

    /** The paths of the first results' fields, built once (every record has a few results). */
    private static final String[][] RESULT_PATHS = IntStream.range(0, 64)
            .mapToObj(SubmissionValidator::newResultPaths).toArray(String[][]::new);

    private final int maxBytes;

    /** A validator with the default size limit, {@link RecordReader#DEFAULT_MAX_BYTES}. */
    public SubmissionValidator() {
        this(RecordReader.DEFAULT_MAX_BYTES);
    }

    /** A validator refusing values over {@code maxBytes} bytes ({@code TOO_LARGE}). */
    public SubmissionValidator(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Validates one record.
     *
     * @param value          the Kafka record value (may be null)
     * @param recordKey      the Kafka record key, used as unit code when the value has none (may be null)
     * @param registry       the current registry
     * @param isPeriodClosed whether a (well-formed) period is closed: its records get {@code PERIOD_CLOSED}
     */
    public Verdict validate(byte[] value, String recordKey, Registry registry, Predicate<String> isPeriodClosed) {
        RecordReader r = RecordReader.read(value, maxBytes);
        JsonNode root = r.root();
        if (root == null) {
            return new Verdict.Invalid(null, RecordReader.unitCodeOrNull(recordKey), null, r.reasons());
        }
        String submissionId = r.recordId(root, "submissionId");
        String unitCode = r.nonEmptyString(root, "unitCode", "unitCode", true);
        String period = r.period(root, "period");
        OffsetDateTime submittedAt = r.dateTime(root, "submittedAt");
        Block block = block(r, registry, unitCode, period);
        if (period != null && isPeriodClosed.test(period)) {
            r.add(ReasonCode.PERIOD_CLOSED, "period", "Kỳ thi đua năm %s đã khóa sổ, không nhận thêm báo cáo"
                    .formatted(period));
        }
        Members members = members(r, root);
        List<ResultEntry> results = results(r, root, block, period);
        List<Nominee> nominees = nominees(r, root);
        if (emptyOrAbsent(root, "results") && emptyOrAbsent(root, "nominees")) {
            r.add(ReasonCode.SCHEMA, "results", "Bản ghi phải có ít nhất một kết quả (results) hoặc một người được"
                    + " đề nghị khen thưởng (nominees)");
        }
        if (!r.reasons().isEmpty()) {
            String readableUnit = RecordReader.unitCodeOrNull(RecordReader.text(root, "unitCode"));
            return new Verdict.Invalid(submissionId,
                    readableUnit != null ? readableUnit : RecordReader.unitCodeOrNull(recordKey), readableUnit,
                    r.reasons());
        }
        return new Verdict.Valid(new Submission(submissionId, unitCode, period, submittedAt, members, results,
                nominees));
    }

    /** The unit's block in the period, or null (with the reasons) when the registry has none. */
    private static Block block(RecordReader r, Registry registry, String unitCode, String period) {
        PeriodDef def = period == null ? null : r.knownPeriod(registry, period);
        if (unitCode == null || !r.knownUnit(registry, unitCode) || def == null) {
            return null;
        }
        Block block = def.blockOfUnit(unitCode).orElse(null);
        if (block == null) {
            r.add(ReasonCode.UNKNOWN_UNIT, "unitCode", "Đơn vị %s không thuộc khối thi đua nào trong năm %s"
                    .formatted(unitCode, period));
        }
        return block;
    }

    private static boolean emptyOrAbsent(JsonNode root, String name) {
        JsonNode node = RecordReader.present(root, name);
        return node == null || node.isArray() && node.isEmpty();
    }

    private static Members members(RecordReader r, JsonNode root) {
        JsonNode node = r.object(root, "members", "members");
        if (node == null) {
            return null;
        }
        BigDecimal total = headCount(r, node, "total");
        BigDecimal women = headCount(r, node, "women");
        if (total != null && total.signum() <= 0) {
            r.add(ReasonCode.INVALID_VALUE, "members.total", "Tổng số thành viên (members.total) phải lớn hơn 0");
            total = null;
        }
        if (women != null && total != null && women.compareTo(total) > 0) {
            r.add(ReasonCode.INVALID_VALUE, "members.women", ("Số thành viên nữ (members.women) là %s, vượt quá tổng"
                    + " số thành viên (%s)").formatted(women, total));
            women = null;
        }
        return total == null || women == null ? null : new Members(total.intValue(), women.intValue());
    }

    /** A required whole number 0..Integer.MAX_VALUE of {@code members}. */
    private static BigDecimal headCount(RecordReader r, JsonNode members, String name) {
        String path = "members." + name;
        BigDecimal value = r.number(members, name, path, true);
        if (value != null && (value.scale() > 0 || value.signum() < 0 || value.compareTo(INT_MAX) > 0)) {
            r.add(ReasonCode.INVALID_VALUE, path, "Trường \"%s\" phải là số nguyên từ 0 đến %s, nhận được %s"
                    .formatted(path, INT_MAX, value.toPlainString()));
            return null;
        }
        return value;
    }

    private static List<ResultEntry> results(RecordReader r, JsonNode root, Block block, String period) {
        JsonNode array = r.array(root, "results", "results");
        if (array == null) {
            return List.of();
        }
        List<ResultEntry> entries = new ArrayList<>(array.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String[] paths = resultPaths(i);
            JsonNode entry = r.element(array, i, paths[0]);
            if (entry == null) {
                continue;
            }
            String code = r.nonEmptyString(entry, "criterion", paths[1], true);
            Criterion criterion = code == null ? null : criterion(r, block, period, code, seen, paths[1]);
            Method method = criterion == null ? null : criterion.method();
            if (criterion != null) {
                code = criterion.code(); // the registry's own string: the intake's maps find it by identity
            }
            BigDecimal target = method != null && method.hasTarget() ? target(r, entry, paths[2], code) : null;
            BigDecimal actual = actual(r, entry, paths[3], method, code);
            entries.add(new ResultEntry(code, target, actual));
        }
        return entries;
    }

    /** The field paths of {@code results[i]}: the entry, its criterion, target and actual. */
    private static String[] resultPaths(int i) {
        return i < RESULT_PATHS.length ? RESULT_PATHS[i] : newResultPaths(i);
    }

    private static String[] newResultPaths(int i) {
        String path = "results[" + i + "]";
        return new String[] {path, path + ".criterion", path + ".target", path + ".actual"};
    }

    /** The criterion in the unit's table; null when the table is unknown or lacks it. */
    private static Criterion criterion(RecordReader r, Block block, String period, String code, Set<String> seen,
                                 String path) {
        if (!seen.add(code)) {
            r.add(ReasonCode.DUPLICATE_CRITERION, path, "Tiêu chí %s được báo cáo nhiều lần trong cùng một bản ghi"
                    .formatted(RecordReader.shown(code)));
        }
        if (block == null) {
            return null;
        }
        Criterion criterion = block.criterion(code).orElse(null);
        if (criterion == null) {
            r.add(ReasonCode.UNKNOWN_CRITERION, path, "Tiêu chí %s không có trong bảng chấm điểm của khối %s năm %s"
                    .formatted(RecordReader.shown(code), block.code(), period));
            return null;
        }
        return criterion;
    }

    private static BigDecimal target(RecordReader r, JsonNode entry, String path, String code) {
        BigDecimal target = r.number(entry, "target", path, true);
        if (target != null && target.signum() <= 0) {
            r.add(ReasonCode.INVALID_VALUE, path, "Chỉ tiêu (target) của tiêu chí %s phải lớn hơn 0, nhận được %s"
                    .formatted(code, target.toPlainString()));
            return null;
        }
        return target;
    }

    /** {@code actual} checked against the method (rulebook section 1); only type-checked when method is null. */
    private static BigDecimal actual(RecordReader r, JsonNode entry, String path, Method method, String code) {
        JsonNode node = RecordReader.present(entry, "actual");
        if (node == null) {
            r.missing(path);
            return null;
        }
        if (node.isBoolean() && (method == null || method == Method.PASS_FAIL)) {
            return node.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (!node.isNumber()) {
            r.wrongType(path, method == null ? "số hoặc true/false"
                    : method == Method.PASS_FAIL ? "true/false hoặc 1/0" : "số");
            return null;
        }
        BigDecimal actual = r.number(node, path);
        if (actual == null || method == null) {
            return actual;
        }
        String problem;
        if (method == Method.PASS_FAIL) {
            problem = actual.signum() == 0 || actual.compareTo(BigDecimal.ONE) == 0 ? null : "phải là true/false hoặc 1/0";
        } else if (actual.signum() < 0) {
            problem = "không được âm";
        } else {
            problem = method.isCount() && actual.scale() > 0 ? "phải là số nguyên" : null;
        }
        if (problem != null) {
            r.add(ReasonCode.INVALID_VALUE, path, "Giá trị thực hiện (actual) của tiêu chí %s %s, nhận được %s"
                    .formatted(code, problem, actual.toPlainString()));
            return null;
        }
        return actual;
    }

    private static List<Nominee> nominees(RecordReader r, JsonNode root) {
        JsonNode array = r.array(root, "nominees", "nominees");
        if (array == null) {
            return List.of();
        }
        List<Nominee> nominees = new ArrayList<>(array.size());
        Set<String> staffCodes = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "nominees[" + i + "]";
            JsonNode node = r.element(array, i, path);
            if (node == null) {
                continue;
            }
            String staffCode = r.nonEmptyString(node, "staffCode", path + ".staffCode", true);
            if (staffCode != null && staffCode.length() > MAX_STAFF_CODE) {
                r.add(ReasonCode.INVALID_VALUE, path + ".staffCode", "Mã cán bộ %s dài quá %d ký tự"
                        .formatted(RecordReader.shown(staffCode), MAX_STAFF_CODE));
                staffCode = null;
            } else if (staffCode != null && !staffCodes.add(staffCode)) {
                r.add(ReasonCode.INVALID_VALUE, path + ".staffCode", ("Mã cán bộ %s xuất hiện nhiều lần trong cùng"
                        + " một bản ghi").formatted(RecordReader.shown(staffCode)));
            }
            String fullName = capped(r, r.nonEmptyString(node, "fullName", path + ".fullName", true),
                    path + ".fullName", MAX_FULL_NAME, "Họ và tên");
            String gender = r.choice(node, "gender", path + ".gender", GENDERS, "Giới tính");
            String rating = r.choice(node, "rating", path + ".rating", RATINGS, "Xếp loại");
            Boolean soldier = r.bool(node, "grassrootsEmulationSoldier", path + ".grassrootsEmulationSoldier", true);
            List<Initiative> initiatives = initiatives(r, node, path + ".initiatives");
            if (staffCode != null && fullName != null && gender != null && rating != null && soldier != null) {
                nominees.add(new Nominee(staffCode, fullName, gender, Rating.valueOf(rating), soldier, initiatives));
            }
        }
        return nominees;
    }

    private static List<Initiative> initiatives(RecordReader r, JsonNode nominee, String path) {
        JsonNode array = r.array(nominee, "initiatives", path);
        if (array == null) {
            return List.of();
        }
        List<Initiative> initiatives = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String itemPath = path + "[" + i + "]";
            JsonNode node = r.element(array, i, itemPath);
            if (node == null) {
                continue;
            }
            String title = capped(r, r.nonEmptyString(node, "title", itemPath + ".title", true),
                    itemPath + ".title", MAX_TITLE, "Tên sáng kiến");
            String level = r.choice(node, "level", itemPath + ".level", LEVELS, "Cấp sáng kiến");
            if (title != null && level != null) {
                initiatives.add(new Initiative(title, InitiativeLevel.valueOf(level)));
            }
        }
        return initiatives;
    }

    /** The text, or null with an {@code INVALID_VALUE} reason when it is longer than {@code max} code units. */
    private static String capped(RecordReader r, String text, String path, int max, String label) {
        if (text != null && text.length() > max) {
            r.add(ReasonCode.INVALID_VALUE, path, "%s dài %d ký tự, vượt quá giới hạn %d ký tự"
                    .formatted(label, text.length(), max));
            return null;
        }
        return text;
    }
}
