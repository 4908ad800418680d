package vn.tdkt.hub.domain.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.tdkt.hub.domain.registry.Rating;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.scoring.Members;

class SubmissionValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Registry REGISTRY = TestRegistry.registry();
    private static final String KEY = "SO-KHDT";
    private static final String BASE = """
            {
              "submissionId": "3f1c2b9e-0d4a-4c41-9a51-6b0f9e1d2a77",
              "unitCode": "SO-KHDT",
              "period": "2023",
              "submittedAt": "2024-01-12T09:30:00+07:00",
              "members": { "total": 84, "women": 61 },
              "results": [
                { "criterion": "KT1", "target": 12.0, "actual": 14.8 },
                { "criterion": "XH1", "actual": true },
                { "criterion": "TH1", "actual": 2 }
              ],
              "nominees": [
                {
                  "staffCode": "NV-0042",
                  "fullName": "Nguyễn Thị Hoa",
                  "gender": "F",
                  "rating": "XUAT_SAC",
                  "grassrootsEmulationSoldier": true,
                  "initiatives": [ { "title": "Số hóa hồ sơ một cửa", "level": "PROVINCE" } ]
                }
              ]
            }
            """;

    private final SubmissionValidator validator = new SubmissionValidator();

    private static ObjectNode base() {
        try {
            return (ObjectNode) JSON.readTree(BASE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode result(ObjectNode root, int i) {
        return (ObjectNode) root.withArray("results").get(i);
    }

    private static ObjectNode nominee(ObjectNode root, int i) {
        return (ObjectNode) root.withArray("nominees").get(i);
    }

    private Verdict validate(byte[] value) {
        return validator.validate(value, KEY, REGISTRY, period -> false);
    }

    private Verdict validate(String json) {
        return validate(json.getBytes(StandardCharsets.UTF_8));
    }

    private Verdict validate(Consumer<ObjectNode> change) {
        ObjectNode root = base();
        change.accept(root);
        return validate(root.toString());
    }

    private static Submission valid(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Valid.class);
        return ((Verdict.Valid) verdict).submission();
    }

    private static List<Reason> reasons(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Invalid.class);
        List<Reason> reasons = ((Verdict.Invalid) verdict).reasons();
        assertThat(reasons).allSatisfy(r -> assertThat(r.message()).isNotBlank());
        return reasons;
    }

    private static void assertOnly(Verdict verdict, ReasonCode code, String field) {
        assertThat(reasons(verdict)).extracting(Reason::code, Reason::field).containsExactly(tuple(code, field));
    }

    /** Accepted numbers are normalised (class comment of RecordReader): no trailing zeros, no negative scale. */
    @Test
    void acceptedNumbersAreNormalisedWhateverTheirJsonForm() {
        Map<String, String> expected = new LinkedHashMap<>(); // JSON -> the exact BigDecimal (value and scale)
        expected.put("100", "100");
        expected.put("-0", "0");
        expected.put("0", "0");
        expected.put("12.0", "12");
        expected.put("1E+3", "1000");
        expected.put("1.50", "1.5");
        expected.put("2147483648", "2147483648");
        expected.put("1000000000000000", "1000000000000000");
        expected.put("1e15", "1000000000000000");
        expected.put("0.000000000001", "1E-12");
        String kt1 = "\"target\": 12.0, \"actual\": 14.8";
        assertThat(BASE).contains(kt1);
        expected.forEach((json, exact) -> { // the literal JSON text of target and actual
            String target = json.startsWith("-") || new BigDecimal(json).signum() == 0 ? "7" : json; // > 0
            Submission s = valid(validate(BASE.replace(kt1, "\"target\": " + target + ", \"actual\": " + json)));
            BigDecimal want = new BigDecimal(exact);
            assertThat(s.results().get(0).target()).as(json).isEqualTo(target.equals("7") ? BigDecimal.valueOf(7)
                    : want);
            assertThat(s.results().get(0).actual()).as(json).isEqualTo(want);
            assertThat(s.results().get(0).actual().scale()).as(json).isEqualTo(Math.max(0, want.scale()));
        });
        for (String tooBig : List.of("1000000000000001", "1e16", "0.0000000000001")) {
            assertOnly(validate(BASE.replace(kt1, "\"target\": 12, \"actual\": " + tooBig)),
                    ReasonCode.INVALID_VALUE, "results[0].actual");
        }
    }

    @Test
    void theContractExampleIsValidAndReadExactly() {
        Submission s = valid(validate(BASE));

        assertThat(s.submissionId()).isEqualTo("3f1c2b9e-0d4a-4c41-9a51-6b0f9e1d2a77");
        assertThat(s.unitCode()).isEqualTo("SO-KHDT");
        assertThat(s.period()).isEqualTo("2023");
        assertThat(s.submittedAt()).isEqualTo(OffsetDateTime.parse("2024-01-12T09:30:00+07:00"));
        assertThat(s.members()).isEqualTo(new Members(84, 61));
        // KT1 TARGET keeps target 12 and actual 14.8 exactly; XH1 PASS_FAIL true -> 1; TH1 BONUS 2
        assertThat(s.results()).extracting(ResultEntry::criterion).containsExactly("KT1", "XH1", "TH1");
        assertThat(s.results().get(0).target()).isEqualByComparingTo("12");
        assertThat(s.results().get(0).actual()).isEqualTo(new BigDecimal("14.8"));
        assertThat(s.results().get(1).target()).isNull();
        assertThat(s.results().get(1).actual()).isEqualTo(BigDecimal.ONE);
        assertThat(s.results().get(2).actual()).isEqualTo(new BigDecimal("2"));
        assertThat(s.nominees()).containsExactly(new Nominee("NV-0042", "Nguyễn Thị Hoa", "F", Rating.XUAT_SAC, true,
                List.of(new Initiative("Số hóa hồ sơ một cửa", InitiativeLevel.PROVINCE))));
    }

    @Test
    void decimalsStayExact() {
        // 5.3 must be the decimal 5.3, not the binary double 5.29999...
        Submission s = valid(validate(root -> result(root, 0).put("target", new BigDecimal("6"))
                .put("actual", new BigDecimal("5.3"))));
        assertThat(s.results().get(0).actual()).isEqualTo(new BigDecimal("5.3"));
    }

    @Nested
    class PassFail {

        private Verdict withActual(Consumer<ObjectNode> setActual) {
            return validate(root -> setActual.accept(result(root, 1)));
        }

        @Test
        void trueFalseOneAndZeroAreAccepted() {
            assertThat(valid(withActual(r -> r.put("actual", true))).results().get(1).actual()).isEqualTo("1");
            assertThat(valid(withActual(r -> r.put("actual", false))).results().get(1).actual()).isEqualTo("0");
            assertThat(valid(withActual(r -> r.put("actual", 1))).results().get(1).actual()).isEqualTo("1");
            assertThat(valid(withActual(r -> r.put("actual", 0))).results().get(1).actual()).isEqualTo("0");
        }

        @Test
        void anotherNumberIsInvalidValue() {
            assertOnly(withActual(r -> r.put("actual", 2)), ReasonCode.INVALID_VALUE, "results[1].actual");
        }

        @Test
        void aStringIsSchema() {
            assertOnly(withActual(r -> r.put("actual", "yes")), ReasonCode.SCHEMA, "results[1].actual");
        }
    }

    @Nested
    class Counts {

        @Test
        void twoPointZeroCountsAsTwo() {
            Submission s = valid(validate(root -> result(root, 2).put("actual", new BigDecimal("2.0"))));
            assertThat(s.results().get(2).actual()).isEqualTo(new BigDecimal("2"));
        }

        @Test
        void twoPointFiveIsInvalidValue() {
            assertOnly(validate(root -> result(root, 2).put("actual", new BigDecimal("2.5"))),
                    ReasonCode.INVALID_VALUE, "results[2].actual");
        }

        @Test
        void aNegativeCountIsInvalidValue() {
            assertOnly(validate(root -> result(root, 2).put("actual", -1)), ReasonCode.INVALID_VALUE,
                    "results[2].actual");
        }

        @Test
        void trueIsNotACount() {
            assertOnly(validate(root -> result(root, 2).put("actual", true)), ReasonCode.SCHEMA, "results[2].actual");
        }
    }

    @Nested
    class Targets {

        @Test
        void aMissingTargetIsSchema() {
            assertOnly(validate(root -> result(root, 0).remove("target")), ReasonCode.SCHEMA, "results[0].target");
        }

        @Test
        void aNullTargetIsMissing() {
            assertOnly(validate(root -> result(root, 0).putNull("target")), ReasonCode.SCHEMA, "results[0].target");
        }

        @Test
        void aStringTargetIsSchema() {
            assertOnly(validate(root -> result(root, 0).put("target", "12")), ReasonCode.SCHEMA, "results[0].target");
        }

        @Test
        void aTargetOfZeroIsInvalidValue() {
            assertOnly(validate(root -> result(root, 0).put("target", 0)), ReasonCode.INVALID_VALUE,
                    "results[0].target");
        }

        @Test
        void targetLowerNeedsAPositiveTargetToo() {
            assertOnly(validate(root -> root.withArray("results").addObject().put("criterion", "KT2")
                    .put("target", -3).put("actual", 1)), ReasonCode.INVALID_VALUE, "results[3].target");
        }

        @Test
        void aTargetForAnotherMethodIsIgnored() {
            Submission s = valid(validate(root -> root.withArray("results").addObject().put("criterion", "KT3")
                    .put("target", "whatever").put("actual", 7)));
            assertThat(s.results().get(3).target()).isNull();
            assertThat(s.results().get(3).actual()).isEqualTo(new BigDecimal("7"));
        }

        @Test
        void aNegativeActualIsInvalidValue() {
            assertOnly(validate(root -> result(root, 0).put("actual", new BigDecimal("-0.5"))),
                    ReasonCode.INVALID_VALUE, "results[0].actual");
        }

        @Test
        void aStringActualIsSchema() {
            assertOnly(validate(root -> result(root, 0).put("actual", "14.8")), ReasonCode.SCHEMA,
                    "results[0].actual");
        }

        @Test
        void aMissingActualIsSchema() {
            assertOnly(validate(root -> result(root, 0).remove("actual")), ReasonCode.SCHEMA, "results[0].actual");
        }
    }

    @Nested
    class HostileNumbers {

        private Verdict withActual(String number) {
            return validate(BASE.replace("\"actual\": 14.8", "\"actual\": " + number));
        }

        @Test
        void upToTenToTheFifteenthIsAccepted() {
            assertThat(valid(withActual("1000000000000000")).results().get(0).actual())
                    .isEqualTo(new BigDecimal("1000000000000000"));
            assertThat(valid(withActual("1e15")).results().get(0).actual())
                    .isEqualTo(new BigDecimal("1000000000000000"));
        }

        @Test
        void overTenToTheFifteenthIsInvalidValue() {
            assertOnly(withActual("1000000000000001"), ReasonCode.INVALID_VALUE, "results[0].actual");
            assertOnly(withActual("1e999999999"), ReasonCode.INVALID_VALUE, "results[0].actual");
        }

        @Test
        void twelveFractionalDigitsAreAcceptedThirteenAreNot() {
            assertThat(valid(withActual("0.000000000001")).results().get(0).actual())
                    .isEqualTo(new BigDecimal("0.000000000001"));
            // trailing zeros do not count: 1.5000000000000000 is 1.5
            assertThat(valid(withActual("1.5000000000000000")).results().get(0).actual())
                    .isEqualTo(new BigDecimal("1.5"));
            assertOnly(withActual("0.0000000000001"), ReasonCode.INVALID_VALUE, "results[0].actual");
            assertOnly(withActual("1e-999999999"), ReasonCode.INVALID_VALUE, "results[0].actual");
        }

        @Test
        void aZeroWithAHugeScaleIsJustZero() {
            assertThat(valid(withActual("0e-999999999")).results().get(0).actual()).isEqualTo(BigDecimal.ZERO);
        }

        @Test
        void anOverlongNumberOrAnUnrepresentableExponentIsMalformed() {
            assertOnly(withActual("1" + "0".repeat(150)), ReasonCode.MALFORMED_JSON, null);
            assertOnly(withActual("1e-2147483649"), ReasonCode.MALFORMED_JSON, null);
        }
    }

    @Nested
    class RegistryRules {

        @Test
        void anUnknownPeriod() {
            // the table of 2030 is unknown, so criteria are only type-checked: no UNKNOWN_CRITERION for ZZ9
            assertOnly(validate(root -> {
                root.put("period", "2030");
                result(root, 0).put("criterion", "ZZ9");
            }), ReasonCode.UNKNOWN_PERIOD, "period");
        }

        @Test
        void anUnknownUnit() {
            Verdict v = validate(root -> root.put("unitCode", "SO-XYZ"));
            assertOnly(v, ReasonCode.UNKNOWN_UNIT, "unitCode");
            assertThat(v.unitCode()).isEqualTo("SO-XYZ");
        }

        @Test
        void aRegistryUnitInNoBlockOfThePeriodIsUnknown() {
            Verdict v = validate(root -> root.put("unitCode", "UBND-PL"));
            assertOnly(v, ReasonCode.UNKNOWN_UNIT, "unitCode");
            assertThat(reasons(v).get(0).message()).contains("UBND-PL", "2023");
        }

        @Test
        void withoutATableCriteriaAreStillTypeChecked() {
            Verdict v = validate(root -> {
                root.put("unitCode", "SO-XYZ");
                result(root, 1).put("actual", "done");
            });
            assertThat(reasons(v)).extracting(Reason::code, Reason::field).containsExactly(
                    tuple(ReasonCode.UNKNOWN_UNIT, "unitCode"), tuple(ReasonCode.SCHEMA, "results[1].actual"));
        }

        @Test
        void anUnknownCriterionNamesItsBlockAndYear() {
            Verdict v = validate(root -> result(root, 2).put("criterion", "TH9"));
            assertThat(reasons(v)).containsExactly(new Reason(ReasonCode.UNKNOWN_CRITERION, "results[2].criterion",
                    "Tiêu chí TH9 không có trong bảng chấm điểm của khối KT-TH năm 2023"));
        }

        @Test
        void aRepeatedCriterionIsReportedOnItsRepetition() {
            assertOnly(validate(root -> result(root, 1).put("criterion", "KT1").put("target", 10).put("actual", 9)),
                    ReasonCode.DUPLICATE_CRITERION, "results[1].criterion");
        }

        @Test
        void aClosedPeriodRejectsEvenAValidRecord() {
            Verdict v = validator.validate(BASE.getBytes(StandardCharsets.UTF_8), KEY, REGISTRY, "2023"::equals);
            assertOnly(v, ReasonCode.PERIOD_CLOSED, "period");
            assertThat(v.submissionId()).isEqualTo("3f1c2b9e-0d4a-4c41-9a51-6b0f9e1d2a77");
        }
    }

    @Test
    void aRecordWithSeveralFaultsGetsEveryReason() {
        ObjectNode root = base();
        root.put("unitCode", "SO-TC");
        root.put("submittedAt", "2024-01-12 09:30");
        ((ObjectNode) root.get("members")).put("women", 85);
        result(root, 0).put("target", 0);
        result(root, 1).put("criterion", "KT1").put("actual", 1);
        result(root, 2).put("criterion", "TH9");
        nominee(root, 0).put("gender", "X").put("grassrootsEmulationSoldier", "yes");

        Verdict v = validator.validate(root.toString().getBytes(StandardCharsets.UTF_8), KEY, REGISTRY,
                "2023"::equals);

        assertThat(reasons(v)).extracting(Reason::code, Reason::field).containsExactly(
                tuple(ReasonCode.SCHEMA, "submittedAt"),
                tuple(ReasonCode.PERIOD_CLOSED, "period"),
                tuple(ReasonCode.INVALID_VALUE, "members.women"),
                tuple(ReasonCode.INVALID_VALUE, "results[0].target"),
                tuple(ReasonCode.DUPLICATE_CRITERION, "results[1].criterion"),
                tuple(ReasonCode.SCHEMA, "results[1].target"),
                tuple(ReasonCode.UNKNOWN_CRITERION, "results[2].criterion"),
                tuple(ReasonCode.INVALID_VALUE, "nominees[0].gender"),
                tuple(ReasonCode.SCHEMA, "nominees[0].grassrootsEmulationSoldier"));
        assertThat(v.submissionId()).isEqualTo("3f1c2b9e-0d4a-4c41-9a51-6b0f9e1d2a77");
        assertThat(v.unitCode()).isEqualTo("SO-TC");
    }

    @Test
    void aFloodOfFaultsIsListedUpToTheLimitWithEveryCode() {
        Verdict v = validate(root -> {
            ArrayNode results = root.putArray("results");
            for (int i = 0; i < 150; i++) {
                results.addObject().put("criterion", "").put("actual", 1);
            }
            nominee(root, 0).remove("rating");
        });
        // 150 empty criteria: the first 100 are listed, 150 - 100 = 50 are counted; the later SCHEMA is a new code
        List<Reason> reasons = reasons(v);
        assertThat(reasons).hasSize(102);
        assertThat(reasons.subList(0, 100)).extracting(Reason::code).containsOnly(ReasonCode.INVALID_VALUE);
        assertThat(reasons.get(99).field()).isEqualTo("results[99].criterion");
        assertThat(reasons.get(100)).extracting(Reason::code, Reason::field)
                .containsExactly(ReasonCode.SCHEMA, "nominees[0].rating");
        assertThat(reasons.get(101)).extracting(Reason::code, Reason::field)
                .containsExactly(ReasonCode.INVALID_VALUE, null);
        assertThat(reasons.get(101).message()).contains("50");
    }

    @Test
    void unknownFieldsAreIgnoredEverywhere() {
        Submission s = valid(validate(root -> {
            root.put("extra", "có\nxuống dòng");
            root.putObject("meta").put("nested", "\u0000");
            ((ObjectNode) root.get("members")).put("men", 23);
            result(root, 0).put("note", "ghi chú\t");
            nominee(root, 0).put("phone", 123);
            ((ObjectNode) nominee(root, 0).withArray("initiatives").get(0)).put("year", 2023);
        }));
        assertThat(s.results()).hasSize(3);
    }

    @Nested
    class Nulls {

        @Test
        void anExplicitNullOptionalFieldIsAbsent() {
            Submission s = valid(validate(root -> {
                root.putNull("members");
                root.putNull("nominees");
                result(root, 1).putNull("target");
            }));
            assertThat(s.members()).isNull();
            assertThat(s.nominees()).isEmpty();
        }

        @Test
        void nullInitiativesAreNone() {
            Submission s = valid(validate(root -> nominee(root, 0).putNull("initiatives")));
            assertThat(s.nominees().get(0).initiatives()).isEmpty();
        }

        @Test
        void anExplicitNullRequiredFieldIsSchema() {
            Verdict v = validate(root -> root.putNull("submissionId"));
            assertOnly(v, ReasonCode.SCHEMA, "submissionId");
            assertThat(v.submissionId()).isNull();
        }
    }

    @Nested
    class RequiredFields {

        @Test
        void eachMissingTopLevelFieldIsSchema() {
            for (String field : List.of("submissionId", "unitCode", "period", "submittedAt")) {
                assertOnly(validate(root -> root.remove(field)), ReasonCode.SCHEMA, field);
            }
        }

        @Test
        void neitherResultsNorNomineesIsSchema() {
            assertOnly(validate(root -> root.remove(List.of("results", "nominees"))), ReasonCode.SCHEMA, "results");
            assertOnly(validate(root -> {
                root.putArray("results");
                root.putArray("nominees");
            }), ReasonCode.SCHEMA, "results");
        }

        @Test
        void nomineesAloneOrResultsAloneAreEnough() {
            assertThat(valid(validate(root -> root.remove("results"))).results()).isEmpty();
            assertThat(valid(validate(root -> root.putArray("nominees"))).nominees()).isEmpty();
        }

        @Test
        void resultsOfTheWrongTypeAreSchema() {
            assertOnly(validate(root -> root.put("results", "KT1")), ReasonCode.SCHEMA, "results");
            assertOnly(validate(root -> root.withArray("results").add(5)), ReasonCode.SCHEMA, "results[3]");
        }

        @Test
        void malformedSubmissionIdsAreSchema() {
            for (String id : List.of("", "a b", "mã-đơn", "x".repeat(65), "a/b")) {
                Verdict v = validate(root -> root.put("submissionId", id));
                assertOnly(v, ReasonCode.SCHEMA, "submissionId");
                assertThat(v.submissionId()).isNull();
            }
            assertOnly(validate(root -> root.put("submissionId", 42)), ReasonCode.SCHEMA, "submissionId");
        }

        @Test
        void sixtyFourCharactersOfTheAlphabetAreAnId() {
            String id = "Az09-_." + "x".repeat(57); // 7 + 57 = 64 characters
            assertThat(valid(validate(root -> root.put("submissionId", id))).submissionId()).isEqualTo(id);
        }

        @Test
        void malformedPeriodsAreSchema() {
            for (String period : List.of("23", "20234", "２０２３", "2023a")) {
                assertOnly(validate(root -> root.put("period", period)), ReasonCode.SCHEMA, "period");
            }
            assertOnly(validate(root -> root.put("period", 2023)), ReasonCode.SCHEMA, "period");
        }

        @Test
        void submittedAtNeedsAnOffset() {
            assertOnly(validate(root -> root.put("submittedAt", "2024-01-12T09:30:00")), ReasonCode.SCHEMA,
                    "submittedAt");
            assertThat(valid(validate(root -> root.put("submittedAt", "2024-01-12T02:30:00Z"))).submittedAt())
                    .isEqualTo(OffsetDateTime.of(2024, 1, 12, 2, 30, 0, 0, ZoneOffset.UTC));
        }
    }

    @Nested
    class Identifiers {

        @Test
        void anEmptyUnitCodeIsInvalidAndTheKeyStandsIn() {
            Verdict v = validate(root -> root.put("unitCode", ""));
            assertOnly(v, ReasonCode.INVALID_VALUE, "unitCode");
            assertThat(v.unitCode()).isEqualTo(KEY);
        }

        @Test
        void anUnreadableUnitCodeLeavesTheKey() {
            Verdict v = validate(root -> root.put("unitCode", 17));
            assertOnly(v, ReasonCode.SCHEMA, "unitCode");
            assertThat(v.unitCode()).isEqualTo(KEY);
        }

        @Test
        void anEmptyCriterionIsInvalid() {
            assertOnly(validate(root -> result(root, 0).put("criterion", "")), ReasonCode.INVALID_VALUE,
                    "results[0].criterion");
        }

        @Test
        void anEmptyStaffCodeIsInvalid() {
            assertOnly(validate(root -> nominee(root, 0).put("staffCode", "")), ReasonCode.INVALID_VALUE,
                    "nominees[0].staffCode");
        }
    }

    @Nested
    class MembersField {

        private Verdict withMembers(Object total, Object women) {
            return validate(root -> {
                ObjectNode m = root.putObject("members");
                m.set("total", JSON.valueToTree(total));
                m.set("women", JSON.valueToTree(women));
            });
        }

        @Test
        void womenOverTotalIsInvalid() {
            assertOnly(withMembers(43, 44), ReasonCode.INVALID_VALUE, "members.women");
        }

        @Test
        void womenEqualToTotalOrZeroIsFine() {
            assertThat(valid(withMembers(43, 43)).members()).isEqualTo(new Members(43, 43));
            assertThat(valid(withMembers(43, 0)).members()).isEqualTo(new Members(43, 0));
        }

        @Test
        void aTotalOfZeroIsInvalid() {
            assertOnly(withMembers(0, 0), ReasonCode.INVALID_VALUE, "members.total");
        }

        @Test
        void negativeFractionalOrHugeHeadCountsAreInvalid() {
            assertOnly(withMembers(10, -1), ReasonCode.INVALID_VALUE, "members.women");
            assertOnly(withMembers(new BigDecimal("10.5"), 3), ReasonCode.INVALID_VALUE, "members.total");
            assertOnly(withMembers(3_000_000_000L, 3), ReasonCode.INVALID_VALUE, "members.total");
        }

        @Test
        void wrongTypesAreSchema() {
            assertOnly(withMembers("84", 61), ReasonCode.SCHEMA, "members.total");
            assertOnly(validate(root -> root.put("members", 84)), ReasonCode.SCHEMA, "members");
            assertOnly(validate(root -> ((ObjectNode) root.get("members")).remove("women")), ReasonCode.SCHEMA,
                    "members.women");
        }
    }

    @Nested
    class Nominees {

        @Test
        void unknownEnumerationValuesAreInvalid() {
            Verdict v = validate(root -> {
                nominee(root, 0).put("gender", "N").put("rating", "GIOI");
                ((ArrayNode) nominee(root, 0).get("initiatives")).addObject().put("title", "Sáng kiến 2")
                        .put("level", "NATIONAL");
            });
            assertThat(reasons(v)).extracting(Reason::code, Reason::field).containsExactly(
                    tuple(ReasonCode.INVALID_VALUE, "nominees[0].gender"),
                    tuple(ReasonCode.INVALID_VALUE, "nominees[0].rating"),
                    tuple(ReasonCode.INVALID_VALUE, "nominees[0].initiatives[1].level"));
        }

        @Test
        void everyRatingCodeIsAccepted() {
            for (Rating rating : Rating.values()) {
                assertThat(valid(validate(root -> nominee(root, 0).put("rating", rating.name()))).nominees().get(0)
                        .rating()).isEqualTo(rating);
            }
        }

        @Test
        void missingNomineeFieldsAreSchema() {
            Verdict v = validate(root -> nominee(root, 0).remove(List.of("fullName", "grassrootsEmulationSoldier")));
            assertThat(reasons(v)).extracting(Reason::code, Reason::field).containsExactly(
                    tuple(ReasonCode.SCHEMA, "nominees[0].fullName"),
                    tuple(ReasonCode.SCHEMA, "nominees[0].grassrootsEmulationSoldier"));
        }

        @Test
        void anInitiativeNeedsATitle() {
            assertOnly(validate(root -> ((ObjectNode) nominee(root, 0).withArray("initiatives").get(0))
                    .remove("title")), ReasonCode.SCHEMA, "nominees[0].initiatives[0].title");
        }

        @Test
        void aRepeatedStaffCodeIsInvalid() {
            Verdict v = validate(root -> root.withArray("nominees").add(nominee(root, 0).deepCopy()
                    .put("fullName", "Trần Văn Nam").put("gender", "M")));
            assertOnly(v, ReasonCode.INVALID_VALUE, "nominees[1].staffCode");
        }
    }

    @Nested
    class Text {

        @Test
        void controlCharactersInKnownStringsAreInvalid() {
            Verdict v = validate(root -> {
                root.put("unitCode", "SO-KHDT\n");
                result(root, 0).put("criterion", "KT1\t");
                nominee(root, 0).put("fullName", "Nguyễn Thị Hoa\r\n");
                ((ObjectNode) nominee(root, 0).withArray("initiatives").get(0)).put("title", "Dòng 1\nDòng 2");
                nominee(root, 0).put("staffCode", "NV\u007F42");
            });
            assertThat(reasons(v)).extracting(Reason::code, Reason::field).containsExactly(
                    tuple(ReasonCode.INVALID_VALUE, "unitCode"),
                    tuple(ReasonCode.INVALID_VALUE, "results[0].criterion"),
                    tuple(ReasonCode.INVALID_VALUE, "nominees[0].staffCode"),
                    tuple(ReasonCode.INVALID_VALUE, "nominees[0].fullName"),
                    tuple(ReasonCode.INVALID_VALUE, "nominees[0].initiatives[0].title"));
        }

        @Test
        void markupAndQuotesAreKeptVerbatim() {
            String name = "<script>alert('x')</script> O'Brien\"; DROP TABLE nominee; --";
            String title = "Rock & Roll <b>đậm</b>";
            Submission s = valid(validate(root -> {
                nominee(root, 0).put("fullName", name);
                ((ObjectNode) nominee(root, 0).withArray("initiatives").get(0)).put("title", title);
            }));
            assertThat(s.nominees().get(0).fullName()).isEqualTo(name);
            assertThat(s.nominees().get(0).initiatives().get(0).title()).isEqualTo(title);
        }

        @Test
        void vietnameseTextIsIntact() {
            String name = "Đặng Thị Ngọc Hường Ỷ";
            Submission s = valid(validate(root -> nominee(root, 0).put("fullName", name)));
            assertThat(s.nominees().get(0).fullName()).isEqualTo(name);
        }

        @Test
        void echoedValuesAreShortAndClean() {
            Reason reason = reasons(validate(root -> nominee(root, 0).put("gender", "X".repeat(500)))).get(0);
            // the 500 X are cut to 100 and marked with an ellipsis
            assertThat(reason.message()).contains("X".repeat(100) + "…").doesNotContain("X".repeat(101));
            assertThat(RecordReader.shown("a\u0000b\nc")).isEqualTo("abc");
        }
    }

    /** Findings of the hostile corpus (HostileCorpusTest): each one stalled or mangled the real route. */
    @Nested
    class HostileFindings {

        @Test
        void anEscapedLoneSurrogateAnywhereIsMalformed() {
            // each "\\u" below is a JSON escape in the record's text (backslash, u, 4 hex digits), not a Java one
            for (String json : List.of(
                    BASE.replace("Nguyễn Thị Hoa", "Nguyễn \\ud800"),
                    BASE.replace("Số hóa", "\\udc00 Số hóa"),
                    BASE.replace("Nguyễn Thị Hoa", "\\ude00\\ud83d"),
                    BASE.replace("NV-0042", "NV-\\ud83d"),
                    BASE.replace("\"period\":", "\"extra\": [\"\\udfff\"], \"period\":"),
                    BASE.replace("\"period\":", "\"\\ud800\": 1, \"period\":"))) {
                Verdict v = validate(json);
                assertOnly(v, ReasonCode.MALFORMED_JSON, null);
                assertThat(v.submissionId()).isNull();
            }
        }

        @Test
        void anEscapedSurrogatePairIsOneCharacter() {
            Submission s = valid(validate(BASE.replace("Nguyễn Thị Hoa", "\\ud83d\\ude00 Hoa")));
            assertThat(s.nominees().get(0).fullName()).isEqualTo("😀 Hoa");
        }

        @Test
        void aFullNameAndAnInitiativeTitleHaveALengthCap() {
            int name = SubmissionValidator.MAX_FULL_NAME;
            int title = SubmissionValidator.MAX_TITLE;
            assertThat(valid(validate(root -> nominee(root, 0).put("fullName", "Ễ".repeat(name)))).nominees().get(0)
                    .fullName()).hasSize(name);
            Verdict longName = validate(root -> nominee(root, 0).put("fullName", "A".repeat(1_000_000)));
            assertOnly(longName, ReasonCode.INVALID_VALUE, "nominees[0].fullName");
            assertThat(((Verdict.Invalid) longName).reasons().get(0).message())
                    .isEqualTo("Họ và tên dài 1000000 ký tự, vượt quá giới hạn 200 ký tự");
            assertOnly(validate(root -> nominee(root, 0).put("fullName", "A".repeat(name + 1))),
                    ReasonCode.INVALID_VALUE, "nominees[0].fullName");
            assertThat(valid(validate(BASE.replace("Số hóa hồ sơ một cửa", "T".repeat(title)))).nominees().get(0)
                    .initiatives().get(0).title()).hasSize(title);
            assertOnly(validate(BASE.replace("Số hóa hồ sơ một cửa", "T".repeat(title + 1))),
                    ReasonCode.INVALID_VALUE, "nominees[0].initiatives[0].title");
        }

        @Test
        void aStaffCodeHasAtMostSixtyFourCodeUnits() {
            assertThat(valid(validate(root -> nominee(root, 0).put("staffCode", "S".repeat(64)))).nominees().get(0)
                    .staffCode()).hasSize(64);
            // 32 emoji are 64 UTF-16 code units; 33 are 66
            valid(validate(root -> nominee(root, 0).put("staffCode", "😀".repeat(32))));
            assertOnly(validate(root -> nominee(root, 0).put("staffCode", "😀".repeat(33))), ReasonCode.INVALID_VALUE,
                    "nominees[0].staffCode");
            assertOnly(validate(root -> nominee(root, 0).put("staffCode", "S".repeat(65))), ReasonCode.INVALID_VALUE,
                    "nominees[0].staffCode");
        }

        @Test
        void aUnitCodeUnfitForTheRejectionGivesWayToTheKey() {
            Verdict nul = validate(root -> root.put("unitCode", "SO-KHDT\u0000"));
            assertOnly(nul, ReasonCode.INVALID_VALUE, "unitCode");
            assertThat(nul.unitCode()).isEqualTo(KEY);
            Verdict longCode = validate(root -> root.put("unitCode", "U".repeat(65)));
            assertOnly(longCode, ReasonCode.UNKNOWN_UNIT, "unitCode");
            assertThat(longCode.unitCode()).isEqualTo(KEY);
            assertThat(validate(root -> root.put("unitCode", "U".repeat(64))).unitCode()).isEqualTo("U".repeat(64));
        }

        @Test
        void aKeyUnfitForTheRejectionIsDropped() {
            for (String key : List.of("SO-KHDT\u0000", "SO-KHDT\r\n", "K".repeat(65), "")) {
                Verdict v = validator.validate("{".getBytes(StandardCharsets.UTF_8), key, REGISTRY, p -> false);
                assertOnly(v, ReasonCode.MALFORMED_JSON, null);
                assertThat(v.unitCode()).as(key).isNull();
            }
            assertThat(validator.validate("{".getBytes(StandardCharsets.UTF_8), "K".repeat(64), REGISTRY, p -> false)
                    .unitCode()).isEqualTo("K".repeat(64));
        }
    }

    @Nested
    class Parsing {

        @Test
        void exactlyTheLimitIsParsedOneByteMoreIsTooLarge() {
            ObjectNode root = base();
            root.put("padding", "");
            int withoutPadding = root.toString().getBytes(StandardCharsets.UTF_8).length;
            root.put("padding", "x".repeat(RecordReader.DEFAULT_MAX_BYTES - withoutPadding));
            byte[] limit = root.toString().getBytes(StandardCharsets.UTF_8);
            assertThat(limit).hasSize(1_048_576);
            valid(validate(limit));

            // one more byte that also breaks the JSON: only TOO_LARGE, so it was never parsed
            byte[] over = Arrays.copyOf(limit, 1_048_577);
            over[1_048_576] = '}';
            Verdict v = validate(over);
            assertOnly(v, ReasonCode.TOO_LARGE, null);
            assertThat(v.submissionId()).isNull();
            assertThat(v.unitCode()).isEqualTo(KEY);
        }

        @Test
        void theLimitIsConfigurable() {
            Verdict v = new SubmissionValidator(100).validate(BASE.getBytes(StandardCharsets.UTF_8), null, REGISTRY,
                    p -> false);
            assertOnly(v, ReasonCode.TOO_LARGE, null);
            assertThat(v.unitCode()).isNull();
        }

        @Test
        void invalidUtf8IsMalformed() {
            byte[] value = BASE.replace("Hoa", "H#a").getBytes(StandardCharsets.UTF_8);
            value[new String(value, StandardCharsets.ISO_8859_1).indexOf('#')] = (byte) 0xC3;
            // C3 followed by 'a' (0x61) is not a UTF-8 sequence
            assertOnly(validate(value), ReasonCode.MALFORMED_JSON, null);
            assertOnly(validate(new byte[] {'{', (byte) 0xC3, 0x28, '}'}), ReasonCode.MALFORMED_JSON, null);
        }

        @Test
        void nonStandardJsonIsMalformed() {
            for (String json : List.of(
                    BASE.replace("14.8", "NaN"),
                    BASE.replace("14.8", "Infinity"),
                    BASE + " {}",
                    BASE.replace("\"period\": \"2023\",", "\"period\": \"2023\", \"period\": \"2023\","),
                    "{\"submissionId\": \"a\",}",
                    "{'submissionId': 'a'}",
                    "",
                    "   ")) {
                Verdict v = validate(json);
                assertOnly(v, ReasonCode.MALFORMED_JSON, null);
                assertThat(v.submissionId()).isNull();
            }
        }

        /** The one pass over a record's bytes: plain ASCII or not, and whether a lone surrogate must be looked for. */
        @Test
        void theAsciiScanTellsPlainAsciiAndUnicodeEscapes() {
            Map<String, Integer> expected = new LinkedHashMap<>();
            expected.put("", RecordReader.PLAIN_ASCII);
            expected.put("{\"a\": \"b\\n\"}", RecordReader.PLAIN_ASCII);
            expected.put("{\"a\": \"b\\", RecordReader.PLAIN_ASCII); // a backslash last
            expected.put("{\"a\": \"\\u00e9\"}", RecordReader.PLAIN_ASCII_WITH_U_ESCAPE);
            expected.put("\\u", RecordReader.PLAIN_ASCII_WITH_U_ESCAPE);
            expected.put("{\"a\": \"é\"}", RecordReader.NOT_PLAIN_ASCII);
            expected.put("{\"a\": \"\\u00e9 é\"}", RecordReader.NOT_PLAIN_ASCII);
            expected.put("{\"a\": \"\u0000\"}", RecordReader.NOT_PLAIN_ASCII); // NUL
            expected.forEach((text, scan) -> assertThat(RecordReader.scanAscii(text.getBytes(StandardCharsets.UTF_8)))
                    .as(text).isEqualTo(scan));
        }

        /**
         * Plain ASCII records are parsed from their bytes, others from their decoded text: the same record with
         * one letter of a string made non-ASCII gets the same reasons, line and column of a syntax error included.
         */
        @Test
        void asciiAndNonAsciiRecordsAreReadAlike() {
            for (String json : List.of(
                    "{\"submissionId\": \"xa\",}",
                    "{\"submissionId\": \"xa\",\n  \"unitCode\": \"a\" \"b\"}",
                    "{\"submissionId\": \"xa\", \"note\": \"\\ud800\"}",
                    "{\"submissionId\": \"xa\", \"unitCode\": \"SO\u0001\"}",
                    "{\"submissionId\": \"xa\"} {}",
                    "{\"submissionId\": \"id-1\", \"note\": \"xa\", \"period\": \"2023\"}")) {
                assertThat(RecordReader.scanAscii(json.getBytes(StandardCharsets.UTF_8)))
                        .isNotEqualTo(RecordReader.NOT_PLAIN_ASCII);
                List<Reason> ascii = ((Verdict.Invalid) validate(json)).reasons();
                List<Reason> unicode = ((Verdict.Invalid) validate(json.replace("xa", "xá"))).reasons();
                assertThat(ascii).isNotEmpty();
                assertThat(unicode).usingRecursiveFieldByFieldElementComparator().isEqualTo(ascii);
            }
        }

        @Test
        void deepNestingIsMalformed() {
            String deep = "[".repeat(1000) + "]".repeat(1000);
            assertOnly(validate(BASE.replace("\"period\":", "\"deep\": " + deep + ", \"period\":")),
                    ReasonCode.MALFORMED_JSON, null);
        }

        @Test
        void aNullValueIsMalformed() {
            Verdict v = validate((byte[]) null);
            assertOnly(v, ReasonCode.MALFORMED_JSON, null);
            assertThat(v.unitCode()).isEqualTo(KEY);
        }

        @Test
        void aValueThatIsNotAnObjectIsSchema() {
            for (String json : List.of("[1]", "\"x\"", "42", "null", "true")) {
                assertOnly(validate(json), ReasonCode.SCHEMA, null);
            }
        }
    }
}
