package vn.tdkt.hub.domain.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.domain.submission.ReasonCode;
import vn.tdkt.hub.domain.submission.TestRegistry;

class CommandValidatorTest {

    private static final Registry REGISTRY = TestRegistry.registry();

    private final CommandValidator validator = new CommandValidator();

    private CommandVerdict validate(String json) {
        return validator.validate(json.getBytes(StandardCharsets.UTF_8), REGISTRY);
    }

    private static Command valid(CommandVerdict verdict) {
        assertThat(verdict).isInstanceOf(CommandVerdict.Valid.class);
        return ((CommandVerdict.Valid) verdict).command();
    }

    private static void assertOnly(CommandVerdict verdict, ReasonCode code, String field) {
        assertThat(verdict).isInstanceOf(CommandVerdict.Invalid.class);
        assertThat(((CommandVerdict.Invalid) verdict).reasons()).extracting(Reason::code, Reason::field)
                .containsExactly(tuple(code, field));
    }

    @Test
    void theContractExamplesAreValid() {
        assertThat(valid(validate("""
                { "commandId": "c-2023-close", "type": "CLOSE_PERIOD", "period": "2023", "issuedBy": "office" }
                """))).isEqualTo(new Command("c-2023-close", CommandType.CLOSE_PERIOD, "2023", null, null, null,
                "office"));
        assertThat(valid(validate("""
                { "commandId": "h-17", "type": "HOLD", "period": "2023", "unitCode": "SO-TC",
                  "reason": "Đang thanh tra" }
                """))).isEqualTo(new Command("h-17", CommandType.HOLD, "2023", "SO-TC", null, "Đang thanh tra", null));
        assertThat(valid(validate("""
                { "commandId": "h-18", "type": "RELEASE", "period": "2023", "unitCode": "SO-TC", "staffCode": "NV-1" }
                """))).isEqualTo(new Command("h-18", CommandType.RELEASE, "2023", "SO-TC", "NV-1", null, null));
    }

    @Test
    void aHoldForARegistryUnitOutsideThePeriodIsValid() {
        // UBND-PL is a registry unit but in no block of 2023
        assertThat(valid(validate("""
                { "commandId": "h-19", "type": "HOLD", "period": "2023", "unitCode": "UBND-PL" }
                """)).unitCode()).isEqualTo("UBND-PL");
    }

    @Test
    void unknownFieldsAreIgnoredAndNullIsAbsent() {
        assertThat(valid(validate("""
                { "commandId": "c-1", "type": "CLOSE_PERIOD", "period": "2023", "note": "a\\nb", "reason": null }
                """)).reason()).isNull();
    }

    @Test
    void commandIdIsRequiredAndWellFormed() {
        CommandVerdict missing = validate("{ \"type\": \"CLOSE_PERIOD\", \"period\": \"2023\" }");
        assertOnly(missing, ReasonCode.SCHEMA, "commandId");
        assertThat(missing.commandId()).isNull();
        assertOnly(validate("{ \"commandId\": \"\", \"type\": \"CLOSE_PERIOD\", \"period\": \"2023\" }"),
                ReasonCode.SCHEMA, "commandId");
        assertOnly(validate("{ \"commandId\": \"c 1\", \"type\": \"CLOSE_PERIOD\", \"period\": \"2023\" }"),
                ReasonCode.SCHEMA, "commandId");
    }

    @Test
    void anUnknownTypeIsInvalidValueAndAMissingOneSchema() {
        CommandVerdict v = validate("{ \"commandId\": \"c-1\", \"type\": \"OPEN_PERIOD\", \"period\": \"2023\" }");
        assertOnly(v, ReasonCode.INVALID_VALUE, "type");
        assertThat(v.commandId()).isEqualTo("c-1");
        assertOnly(validate("{ \"commandId\": \"c-1\", \"period\": \"2023\" }"), ReasonCode.SCHEMA, "type");
    }

    @Test
    void thePeriodMustBeWellFormedAndKnown() {
        assertOnly(validate("{ \"commandId\": \"c-1\", \"type\": \"CLOSE_PERIOD\", \"period\": \"23\" }"),
                ReasonCode.SCHEMA, "period");
        assertOnly(validate("{ \"commandId\": \"c-1\", \"type\": \"CLOSE_PERIOD\" }"), ReasonCode.SCHEMA, "period");
        assertOnly(validate("{ \"commandId\": \"c-1\", \"type\": \"CLOSE_PERIOD\", \"period\": \"2030\" }"),
                ReasonCode.UNKNOWN_PERIOD, "period");
    }

    @Test
    void holdAndReleaseNeedAKnownUnit() {
        assertOnly(validate("{ \"commandId\": \"h-1\", \"type\": \"HOLD\", \"period\": \"2023\" }"),
                ReasonCode.SCHEMA, "unitCode");
        assertOnly(validate("{ \"commandId\": \"h-1\", \"type\": \"RELEASE\", \"period\": \"2023\", \"unitCode\": null }"),
                ReasonCode.SCHEMA, "unitCode");
        CommandVerdict v = validate("{ \"commandId\": \"h-1\", \"type\": \"HOLD\", \"period\": \"2023\","
                + " \"unitCode\": \"UBND-BL\" }");
        assertOnly(v, ReasonCode.UNKNOWN_UNIT, "unitCode");
        assertThat(v.unitCode()).isEqualTo("UBND-BL");
    }

    @Test
    void controlCharactersInKnownStringsAreInvalid() {
        CommandVerdict v = validate("""
                { "commandId": "h-1", "type": "HOLD", "period": "2023", "unitCode": "SO-TC", "staffCode": "NV\\t1",
                  "reason": "Đang\\nthanh tra", "issuedBy": "office\\u0000" }
                """);
        assertThat(((CommandVerdict.Invalid) v).reasons()).extracting(Reason::code, Reason::field).containsExactly(
                tuple(ReasonCode.INVALID_VALUE, "staffCode"),
                tuple(ReasonCode.INVALID_VALUE, "reason"),
                tuple(ReasonCode.INVALID_VALUE, "issuedBy"));
    }

    @Test
    void everyFaultIsReported() {
        CommandVerdict v = validate("""
                { "commandId": 7, "type": "PAUSE", "period": "2030", "unitCode": "X", "staffCode": "" }
                """);
        assertThat(((CommandVerdict.Invalid) v).reasons()).extracting(Reason::code, Reason::field).containsExactly(
                tuple(ReasonCode.SCHEMA, "commandId"),
                tuple(ReasonCode.INVALID_VALUE, "type"),
                tuple(ReasonCode.UNKNOWN_PERIOD, "period"),
                tuple(ReasonCode.UNKNOWN_UNIT, "unitCode"),
                tuple(ReasonCode.INVALID_VALUE, "staffCode"));
        assertThat(v.commandId()).isNull();
        assertThat(v.unitCode()).isEqualTo("X");
    }

    @Test
    void sizeUtf8AndJsonRulesAreThoseOfSubmissions() {
        String close = "{ \"commandId\": \"c-1\", \"type\": \"CLOSE_PERIOD\", \"period\": \"2023\" }";
        assertOnly(new CommandValidator(20).validate(close.getBytes(StandardCharsets.UTF_8), REGISTRY),
                ReasonCode.TOO_LARGE, null);
        assertOnly(validator.validate(new byte[] {'{', (byte) 0xC3, 0x28, '}'}, REGISTRY), ReasonCode.MALFORMED_JSON,
                null);
        assertOnly(validate(close + "x"), ReasonCode.MALFORMED_JSON, null);
        assertOnly(validate("[" + close + "]"), ReasonCode.SCHEMA, null);
    }

    @org.junit.jupiter.api.Test
    void aHostileUnitCodeIsNotEchoedAndALongStaffCodeIsRefused() {
        var bad = new CommandValidator().validate(("{\"commandId\":\"h-x\",\"type\":\"HOLD\",\"period\":\"2023\","
                + "\"unitCode\":\"SO-KHDT\\u0000\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8), registryForHostile());
        org.assertj.core.api.Assertions.assertThat(bad).isInstanceOf(CommandVerdict.Invalid.class);
        org.assertj.core.api.Assertions.assertThat(bad.unitCode()).as("a control character is never stored").isNull();
        var longStaff = new CommandValidator().validate(("{\"commandId\":\"h-y\",\"type\":\"HOLD\",\"period\":\"2023\","
                + "\"unitCode\":\"SO-KHDT\",\"staffCode\":\"" + "N".repeat(65) + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), registryForHostile());
        org.assertj.core.api.Assertions.assertThat(((CommandVerdict.Invalid) longStaff).reasons())
                .extracting(r -> r.code().name() + "@" + r.field()).contains("INVALID_VALUE@staffCode");
    }

    private static vn.tdkt.hub.domain.registry.Registry registryForHostile() {
        try (var in = CommandValidatorTest.class.getResourceAsStream("/registry/test-registry.yaml")) {
            return vn.tdkt.hub.domain.registry.RegistryLoader.load(new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8), null, java.util.Set.of());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
