package vn.tdkt.hub.domain.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the registry file (contracts.md, "Registry") into a {@link Registry} and checks the whole file
 * against the contract and the rulebook (sections 1, 3, 5), collecting every problem into one
 * {@link RegistryException}; nothing of a refused file is returned.
 *
 * <p>Checks: issuer with all six fields (all needed by letters) and a valid {@code officeEmail};
 * units with unique, non-empty code, name and e-mail; at least one period, each {@code YYYY} and unique;
 * blocks with a unique code within their period, a name, known units listed once, a {@code leaderUnit}
 * among them, and no unit in two blocks of one period; criteria with a unique code within their table,
 * a name, a valid method and {@code maxPoints > 0}; {@code maxPoints} of the criteria other than
 * BONUS/PENALTY adding up to exactly 100; rules ({@code ratioCap >= 1}, {@code govFlagShare} within 0..1,
 * thresholds {@code XUAT_SAC > TOT > HOAN_THANH >= 0}); closed periods neither changed nor removed.
 *
 * <p>Choices where the spec is silent:
 * <ul>
 *   <li>Unknown keys are refused (a typo in an official configuration must not pass silently), unlike
 *       the Kafka messages, where unknown fields are ignored.</li>
 *   <li>{@code pointsPerItem} is required ({@code > 0}) for COUNT, BONUS and PENALTY and refused for the
 *       other methods, where it would mean nothing (it usually betrays a wrong method).</li>
 *   <li>Identifiers (unit, block and criterion codes, {@code leaderUnit}, periods, e-mails) contain no
 *       whitespace and no control characters (U+0000 to U+001F, U+007F); names and issuer texts contain
 *       no control characters. Texts must be YAML strings ({@code NO} or {@code yes} unquoted are
 *       booleans in YAML and are refused); only {@code period} may also be written unquoted (2023).</li>
 *   <li>Decimals are read exactly as written (BigDecimal, trailing zeros kept).</li>
 *   <li>An explicit {@code null} counts as absent; {@code rules} and each of its fields may be absent
 *       ({@link Rules#DEFAULTS} apply).</li>
 *   <li>YAML aliases ({@code *name}) are refused (Jackson's tree model does not resolve them), and so is
 *       a file holding more than one YAML document.</li>
 *   <li>A closed period must be present in every new file, also at start-up without a previous registry.
 *       When a previous registry is given, the closed period's definition (blocks in order, their names,
 *       leaders, units in order, criteria in order with all their fields) must be unchanged; numbers are
 *       compared by value (30 and 30.0 are the same). Units' names and e-mails and the issuer are not part
 *       of a period and may change at any time.</li>
 *   <li>Where a criterion's method or maxPoints cannot be read, the 100-point sum of its table is not
 *       checked (the criterion's own problem is reported instead).</li>
 * </ul>
 */
public final class RegistryLoader {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final List<String> ROOT_KEYS = List.of("issuer", "rules", "units", "periods");
    private static final List<String> ISSUER_KEYS =
            List.of("parent", "name", "place", "signerTitle", "signerName", "officeEmail");
    private static final List<String> RULES_KEYS = List.of("ratioCap", "govFlagShare", "thresholds");
    private static final List<String> THRESHOLD_KEYS = List.of("XUAT_SAC", "TOT", "HOAN_THANH");
    private static final List<String> UNIT_KEYS = List.of("code", "name", "email");
    private static final List<String> PERIOD_KEYS = List.of("period", "blocks");
    private static final List<String> BLOCK_KEYS = List.of("code", "name", "leaderUnit", "units", "criteria");
    private static final List<String> CRITERION_KEYS =
            List.of("code", "name", "method", "maxPoints", "pointsPerItem");

    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern EMAIL = Pattern.compile("[^@]+@[^@.]+(\\.[^@.]+)+");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final List<String> problems = new ArrayList<>();

    private RegistryLoader() {
    }

    /**
     * Parses and validates a registry file.
     *
     * @param yamlText      the file's text
     * @param previous      the registry in use, or null at start-up
     * @param closedPeriods the periods already closed
     * @return the registry, only when the file has no problem
     * @throws RegistryException listing every problem of the file
     */
    public static Registry load(String yamlText, Registry previous, Set<String> closedPeriods) {
        Objects.requireNonNull(yamlText, "yamlText");
        Objects.requireNonNull(closedPeriods, "closedPeriods");
        RegistryLoader loader = new RegistryLoader();
        Registry registry = loader.parse(yamlText, previous, closedPeriods);
        if (!loader.problems.isEmpty()) {
            throw new RegistryException(loader.problems);
        }
        return registry;
    }

    private Registry parse(String text, Registry previous, Set<String> closedPeriods) {
        JsonNode root = readYaml(text);
        if (root == null) {
            return null;
        }
        if (!mapping(root, "registry", ROOT_KEYS)) {
            return null;
        }
        Issuer issuer = issuer(root.get("issuer"));
        Rules rules = rules(root.get("rules"));
        Map<String, Unit> units = units(root);
        Map<String, PeriodDef> periods = periods(root, units.keySet());
        checkClosedPeriods(periods, previous, closedPeriods);
        return problems.isEmpty() ? new Registry(issuer, rules, units, periods) : null;
    }

    // ---------------------------------------------------------------- YAML

    /** The document's tree, or null (with the problem noted) when it cannot be read or is empty. */
    private JsonNode readYaml(String text) {
        try {
            scanTokens(text);
            if (!problems.isEmpty()) {
                return null;
            }
            JsonNode root = MAPPER.readTree(text);
            if (root == null || root.isMissingNode() || root.isNull()) {
                problem("registry", "the file is empty");
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            problem("registry", syntaxError(e));
        } catch (YAMLException | IOException e) {
            problem("registry", "YAML error: " + e.getMessage());
        }
        return null;
    }

    /** Refuses aliases and several documents, which the tree model would silently misread. */
    private void scanTokens(String text) throws IOException {
        try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
            YAMLParser yaml = (YAMLParser) parser;
            int documents = 0;
            for (JsonToken token = yaml.nextToken(); token != null; token = yaml.nextToken()) {
                if (yaml.isCurrentAlias()) {
                    problem("registry", "YAML alias *" + yaml.getText() + " at " + where(yaml.currentLocation())
                            + " is not supported: write the value out in full");
                }
                if ((token.isScalarValue() || token.isStructEnd()) && yaml.getParsingContext().inRoot()) {
                    documents++;
                }
            }
            if (documents > 1) {
                problem("registry", "the file must hold one YAML document, not " + documents);
            }
        }
    }

    private static String syntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            String context = marked.getContext() == null ? "" : marked.getContext() + ", ";
            return "YAML syntax error at line " + (marked.getProblemMark().getLine() + 1) + ", column "
                    + (marked.getProblemMark().getColumn() + 1) + ": " + context + marked.getProblem();
        }
        return "YAML error" + (e.getLocation() == null ? "" : " at " + where(e.getLocation())) + ": "
                + e.getOriginalMessage();
    }

    private static String where(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    // ---------------------------------------------------------------- sections

    private Issuer issuer(JsonNode node) {
        if (absent(node)) {
            problem("issuer", "missing");
            return null;
        }
        if (!mapping(node, "issuer", ISSUER_KEYS)) {
            return null;
        }
        return new Issuer(text(node, "parent", "issuer"), text(node, "name", "issuer"),
                text(node, "place", "issuer"), text(node, "signerTitle", "issuer"),
                text(node, "signerName", "issuer"), email(node, "officeEmail", "issuer"));
    }

    private Rules rules(JsonNode node) {
        Rules defaults = Rules.DEFAULTS;
        if (absent(node) || !mapping(node, "rules", RULES_KEYS)) {
            return defaults;
        }
        BigDecimal ratioCap = orDefault(number(node, "ratioCap", "rules", false), defaults.ratioCap());
        BigDecimal govFlagShare = orDefault(number(node, "govFlagShare", "rules", false), defaults.govFlagShare());
        BigDecimal xuatSac = defaults.xuatSac();
        BigDecimal tot = defaults.tot();
        BigDecimal hoanThanh = defaults.hoanThanh();
        JsonNode thresholds = node.get("thresholds");
        String place = "rules.thresholds";
        if (!absent(thresholds) && mapping(thresholds, place, THRESHOLD_KEYS)) {
            xuatSac = orDefault(number(thresholds, "XUAT_SAC", place, false), xuatSac);
            tot = orDefault(number(thresholds, "TOT", place, false), tot);
            hoanThanh = orDefault(number(thresholds, "HOAN_THANH", place, false), hoanThanh);
        }
        if (ratioCap.compareTo(BigDecimal.ONE) < 0) {
            problem("rules.ratioCap", "must be at least 1, not " + ratioCap);
        }
        if (govFlagShare.signum() < 0 || govFlagShare.compareTo(BigDecimal.ONE) > 0) {
            problem("rules.govFlagShare", "must be within 0..1, not " + govFlagShare);
        }
        if (hoanThanh.signum() < 0) {
            problem(place + ".HOAN_THANH", "must be at least 0, not " + hoanThanh);
        }
        if (xuatSac.compareTo(tot) <= 0 || tot.compareTo(hoanThanh) <= 0) {
            problem(place, "thresholds out of order: XUAT_SAC " + xuatSac + ", TOT " + tot + ", HOAN_THANH "
                    + hoanThanh + " (XUAT_SAC > TOT > HOAN_THANH is required)");
        }
        return new Rules(ratioCap, govFlagShare, xuatSac, tot, hoanThanh);
    }

    /** Units by code; a unit with a readable code is kept even with other problems, so blocks can refer to it. */
    private Map<String, Unit> units(JsonNode root) {
        Map<String, Unit> units = new LinkedHashMap<>();
        List<JsonNode> items = list(root, "units", "");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String place = "units[" + label(item.get("code"), i) + "]";
            if (!mapping(item, place, UNIT_KEYS)) {
                continue;
            }
            String code = identifier(item.get("code"), place + ".code");
            Unit unit = new Unit(code, text(item, "name", place), email(item, "email", place));
            if (code != null && units.putIfAbsent(code, unit) != null) {
                problem(place, "unit code " + code + " is listed more than once");
            }
        }
        return units;
    }

    private Map<String, PeriodDef> periods(JsonNode root, Set<String> knownUnits) {
        Map<String, PeriodDef> periods = new LinkedHashMap<>();
        List<JsonNode> items = list(root, "periods", "");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            JsonNode periodNode = item.isObject() ? unquotedYear(item.get("period")) : null;
            String place = "periods[" + label(periodNode, i) + "]";
            if (!mapping(item, place, PERIOD_KEYS)) {
                continue;
            }
            String period = identifier(periodNode, place + ".period");
            if (period != null && !YEAR.matcher(period).matches()) {
                problem(place + ".period", "must be a year written YYYY, not " + period);
                period = null;
            }
            List<Block> blocks = blocks(item, place, knownUnits);
            if (period != null && periods.putIfAbsent(period, new PeriodDef(period, blocks)) != null) {
                problem(place, "period " + period + " is listed more than once");
            }
        }
        return periods;
    }

    private static JsonNode unquotedYear(JsonNode node) {
        return node != null && node.isIntegralNumber() ? TextNode.valueOf(node.asText()) : node;
    }

    private List<Block> blocks(JsonNode period, String periodPlace, Set<String> knownUnits) {
        List<Block> blocks = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        Map<String, List<String>> blocksOfUnit = new LinkedHashMap<>();
        List<JsonNode> items = list(period, "blocks", periodPlace);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String label = label(item.get("code"), i);
            String place = periodPlace + ".blocks[" + label + "]";
            if (!mapping(item, place, BLOCK_KEYS)) {
                continue;
            }
            String code = identifier(item.get("code"), place + ".code");
            if (code != null && !codes.add(code)) {
                problem(place, "block code " + code + " is listed more than once in this period");
            }
            String name = text(item, "name", place);
            String leaderUnit = identifier(item.get("leaderUnit"), place + ".leaderUnit");
            List<String> units = blockUnits(item, place, knownUnits);
            if (leaderUnit != null && !units.contains(leaderUnit)) {
                problem(place + ".leaderUnit", leaderUnit + " is not one of the block's units");
            }
            units.forEach(unit -> blocksOfUnit.computeIfAbsent(unit, u -> new ArrayList<>()).add(label));
            blocks.add(new Block(code, name, leaderUnit, units, criteria(item, place)));
        }
        blocksOfUnit.forEach((unit, inBlocks) -> {
            if (inBlocks.size() > 1) {
                problem(periodPlace, "unit " + unit + " is in more than one block: " + String.join(", ", inBlocks));
            }
        });
        return blocks;
    }

    /** The block's unit codes that could be read, each once. */
    private List<String> blockUnits(JsonNode block, String place, Set<String> knownUnits) {
        List<String> units = new ArrayList<>();
        List<JsonNode> items = list(block, "units", place);
        for (int i = 0; i < items.size(); i++) {
            String unit = identifier(items.get(i), place + ".units[" + i + "]");
            if (unit == null) {
                continue;
            }
            if (!knownUnits.contains(unit)) {
                problem(place + ".units", "unknown unit " + unit + " (not in units)");
            }
            if (units.contains(unit)) {
                problem(place + ".units", "unit " + unit + " is listed more than once");
            } else {
                units.add(unit);
            }
        }
        return units;
    }

    private List<Criterion> criteria(JsonNode block, String blockPlace) {
        List<Criterion> criteria = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        List<JsonNode> items = list(block, "criteria", blockPlace);
        boolean sumKnown = !items.isEmpty();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String place = blockPlace + ".criteria[" + label(item.get("code"), i) + "]";
            if (!mapping(item, place, CRITERION_KEYS)) {
                sumKnown = false;
                continue;
            }
            String code = identifier(item.get("code"), place + ".code");
            if (code != null && !codes.add(code)) {
                problem(place, "criterion code " + code + " is listed more than once in this table");
            }
            Method method = method(item.get("method"), place + ".method");
            BigDecimal maxPoints = positive(item, "maxPoints", place);
            BigDecimal pointsPerItem = pointsPerItem(item, method, place);
            if (method == null || maxPoints == null) {
                sumKnown = false;
            } else if (!method.isOptional()) {
                sum = sum.add(maxPoints);
            }
            criteria.add(new Criterion(code, text(item, "name", place), method, maxPoints, pointsPerItem));
        }
        if (sumKnown && sum.compareTo(HUNDRED) != 0) {
            problem(blockPlace, "maxPoints of non-bonus/penalty criteria add up to " + sum + ", not 100");
        }
        return criteria;
    }

    private Method method(JsonNode node, String place) {
        String name = identifier(node, place);
        if (name == null) {
            return null;
        }
        return Arrays.stream(Method.values()).filter(m -> m.name().equals(name)).findFirst().orElseGet(() -> {
            problem(place, name + " is not one of " + Arrays.stream(Method.values()).map(Method::name)
                    .collect(Collectors.joining(", ")));
            return null;
        });
    }

    private BigDecimal pointsPerItem(JsonNode criterion, Method method, String place) {
        if (method == null) {
            return null;
        }
        if (method.isCount()) {
            return positive(criterion, "pointsPerItem", place);
        }
        if (!absent(criterion.get("pointsPerItem"))) {
            problem(place + ".pointsPerItem", "only COUNT, BONUS and PENALTY criteria take pointsPerItem, not "
                    + method);
        }
        return null;
    }

    private void checkClosedPeriods(Map<String, PeriodDef> periods, Registry previous, Set<String> closedPeriods) {
        for (String closed : new TreeSet<>(closedPeriods)) {
            PeriodDef now = periods.get(closed);
            if (now == null) {
                problem("periods", "period " + closed + " is closed and cannot be removed");
                continue;
            }
            PeriodDef before = previous == null ? null : previous.periods().get(closed);
            if (before != null && !canonical(before).equals(canonical(now))) {
                problem("periods[" + closed + "]", "period " + closed
                        + " is closed: its blocks, units and criteria can no longer be changed");
            }
        }
    }

    /** The period with its numbers reduced to their value, so that 30 and 30.0 compare equal. */
    private static PeriodDef canonical(PeriodDef period) {
        return new PeriodDef(period.period(), period.blocks().stream()
                .map(b -> new Block(b.code(), b.name(), b.leaderUnit(), b.units(), b.criteria().stream()
                        .map(c -> new Criterion(c.code(), c.name(), c.method(),
                                stripped(c.maxPoints()), stripped(c.pointsPerItem())))
                        .toList()))
                .toList());
    }

    private static BigDecimal stripped(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }

    // ---------------------------------------------------------------- values

    private void problem(String place, String message) {
        problems.add(place + ": " + message);
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** Whether the node is a mapping; reports it when it is not, and reports keys outside {@code allowed}. */
    private boolean mapping(JsonNode node, String place, List<String> allowed) {
        if (!node.isObject()) {
            problem(place, "must be a mapping (key: value), not " + describe(node));
            return false;
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                problem(place, "unknown key \"" + key + "\" (allowed: " + String.join(", ", allowed) + ")");
            }
        });
        return true;
    }

    /** The elements of a required, non-empty list; an empty list when it is absent or not a list (reported). */
    private List<JsonNode> list(JsonNode parent, String key, String parentPlace) {
        String place = parentPlace.isEmpty() ? key : parentPlace + "." + key;
        JsonNode node = parent.get(key);
        if (absent(node)) {
            problem(place, "missing");
            return List.of();
        }
        if (!node.isArray()) {
            problem(place, "must be a list, not " + describe(node));
            return List.of();
        }
        if (node.isEmpty()) {
            problem(place, "must not be empty");
        }
        return StreamSupport.stream(node.spliterator(), false).toList();
    }

    /** A required text without control characters; null when it is not (reported). */
    private String text(JsonNode parent, String key, String parentPlace) {
        return string(parent.get(key), parentPlace + "." + key, false);
    }

    /** A required identifier: text without whitespace or control characters; null when it is not (reported). */
    private String identifier(JsonNode node, String place) {
        return string(node, place, true);
    }

    private String email(JsonNode parent, String key, String parentPlace) {
        String place = parentPlace + "." + key;
        String email = identifier(parent.get(key), place);
        if (email != null && !EMAIL.matcher(email).matches()) {
            problem(place, email + " is not a valid e-mail address");
            return null;
        }
        return email;
    }

    private String string(JsonNode node, String place, boolean identifier) {
        if (absent(node)) {
            problem(place, "missing");
            return null;
        }
        if (!node.isTextual()) {
            problem(place, "must be a text (in quotes), not " + describe(node));
            return null;
        }
        String value = node.textValue();
        if (value.isBlank()) {
            problem(place, "must not be empty");
            return null;
        }
        if (value.chars().anyMatch(RegistryLoader::isControl)) {
            problem(place, "must not contain control characters");
            return null;
        }
        if (identifier && value.chars().anyMatch(RegistryLoader::isSpace)) {
            problem(place, "must not contain whitespace: \"" + value + "\"");
            return null;
        }
        return value;
    }

    /** A number, exactly as written; null when absent (reported if required) or not a number (reported). */
    private BigDecimal number(JsonNode parent, String key, String parentPlace, boolean required) {
        String place = parentPlace + "." + key;
        JsonNode node = parent.get(key);
        if (absent(node)) {
            if (required) {
                problem(place, "missing");
            }
            return null;
        }
        if (!node.isNumber()) {
            problem(place, "must be a number, not " + describe(node));
            return null;
        }
        return node.decimalValue();
    }

    /** A required number {@code > 0}; null when absent or not a number (reported); reported when not positive. */
    private BigDecimal positive(JsonNode parent, String key, String parentPlace) {
        BigDecimal value = number(parent, key, parentPlace, true);
        if (value != null && value.signum() <= 0) {
            problem(parentPlace + "." + key, "must be greater than 0, not " + value);
        }
        return value;
    }

    private static BigDecimal orDefault(BigDecimal value, BigDecimal fallback) {
        return value == null ? fallback : value;
    }

    /** How a list element or mapping is named in messages: by its code when readable, else by its index. */
    private static String label(JsonNode code, int index) {
        if (code != null && code.isTextual() && !code.textValue().isBlank()
                && code.textValue().chars().noneMatch(c -> isControl(c) || isSpace(c))) {
            return code.textValue();
        }
        return String.valueOf(index);
    }

    private static String describe(JsonNode node) {
        String type = node.getNodeType().name().toLowerCase(Locale.ROOT);
        return node.isValueNode() ? type + " " + node.asText() : type;
    }

    private static boolean isControl(int c) {
        return c <= 0x1F || c == 0x7F;
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
