package vn.tdkt.hub.domain.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryLoaderTest {

    private static final String ISSUER = """
            issuer:
              parent: "UBND TỈNH HÀ NAM"
              name: "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
              place: "Hà Nam"
              signerTitle: "CHỦ TỊCH"
              signerName: "Trương Quốc Huy"
              officeEmail: "tdkt@hanam.example"
            """;

    private static final String UNITS = """
            units:
              - { code: SO-KHDT, name: "Sở Kế hoạch và Đầu tư", email: "skhdt@hanam.example" }
              - { code: SO-TC, name: "Sở Tài chính", email: "stc@hanam.example" }
              - { code: SO-CT, name: "Sở Công Thương", email: "sct@hanam.example" }
              - { code: UBND-PL, name: "UBND thành phố Phủ Lý", email: "ubndpl@hanam.example" }
              - { code: UBND-BL, name: "UBND huyện Bình Lục", email: "ubndbl@hanam.example" }
            """;

    private static final String PERIOD_2022 = """
              - period: "2022"
                blocks:
                  - code: KT-TH
                    name: "Khối Kinh tế tổng hợp"
                    leaderUnit: SO-KHDT
                    units: [SO-KHDT, SO-TC, SO-CT]
                    criteria:
                      - { code: KT1, name: "Tốc độ tăng giá trị sản xuất", method: TARGET, maxPoints: 30 }
                      - { code: KT2, name: "Tỷ lệ hộ nghèo", method: TARGET_LOWER, maxPoints: 20 }
                      - { code: KT3, name: "Số doanh nghiệp thành lập mới", method: RELATIVE, maxPoints: 20 }
                      - { code: XH1, name: "Thực hiện văn hóa công sở", method: PASS_FAIL, maxPoints: 10 }
                      - { code: XH2, name: "Mô hình, điển hình tiên tiến", method: COUNT, maxPoints: 20, pointsPerItem: 5 }
                      - { code: TH1, name: "Khen thưởng cấp trên", method: BONUS, maxPoints: 5, pointsPerItem: 2.5 }
                      - { code: TR1, name: "Vi phạm bị nhắc nhở", method: PENALTY, maxPoints: 5, pointsPerItem: 1 }
                  - code: DP
                    name: "Khối các huyện, thị xã, thành phố"
                    leaderUnit: UBND-PL
                    units: [UBND-PL, UBND-BL]
                    criteria:
                      - { code: KT1, name: "Thu ngân sách nhà nước", method: TARGET, maxPoints: 33.3 }
                      - { code: KT2, name: "Tỷ lệ hộ nghèo", method: TARGET_LOWER, maxPoints: 33.3 }
                      - { code: CC1, name: "Văn hóa công sở", method: PASS_FAIL, maxPoints: 33.4 }
            """;

    private static final String PERIOD_2023 = """
              - period: "2023"
                blocks:
                  - code: KT-TH
                    name: "Khối Kinh tế tổng hợp"
                    leaderUnit: SO-KHDT
                    units: [SO-KHDT, SO-TC, SO-CT]
                    criteria:
                      - { code: KT1, name: "Tốc độ tăng giá trị sản xuất", method: TARGET, maxPoints: 30 }
                      - { code: KT2, name: "Tỷ lệ hộ nghèo", method: TARGET_LOWER, maxPoints: 20 }
                      - { code: KT3, name: "Số doanh nghiệp thành lập mới", method: RELATIVE, maxPoints: 20 }
                      - { code: XH1, name: "Thực hiện văn hóa công sở", method: PASS_FAIL, maxPoints: 10 }
                      - { code: XH2, name: "Mô hình, điển hình tiên tiến", method: COUNT, maxPoints: 20, pointsPerItem: 4 }
                  - code: DP
                    name: "Khối các huyện, thị xã, thành phố"
                    leaderUnit: UBND-BL
                    units: [UBND-PL, UBND-BL]
                    criteria:
                      - { code: KT1, name: "Thu ngân sách nhà nước năm 2023", method: TARGET, maxPoints: 60 }
                      - { code: CC1, name: "Văn hóa công sở năm 2023", method: PASS_FAIL, maxPoints: 40 }
            """;

    private static final String RULES =
            "rules: { ratioCap: 1.5, govFlagShare: 0.25, thresholds: { XUAT_SAC: 95, TOT: 80, HOAN_THANH: 60 } }\n";

    /** A valid registry; mutations below change the first occurrence of a text, i.e. in 2022 where both periods have it. */
    private static final String VALID = ISSUER + RULES + UNITS + "periods:\n" + PERIOD_2022 + PERIOD_2023;

    private static Registry load(String yaml, Set<String> closed) {
        return RegistryLoader.load(yaml, null, closed);
    }

    private static List<String> problems(String yaml) {
        return catchThrowableOfType(RegistryException.class, () -> load(yaml, Set.of())).problems();
    }

    private static String replaceFirst(String text, String from, String to) {
        String changed = text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
        assertThat(changed).as("mutation %s -> %s", from, to).isNotEqualTo(text);
        return changed;
    }

    @Test
    void validFileLoadsWithVietnameseTextsAndExactDecimals() {
        Registry registry = load(VALID, Set.of());

        assertThat(registry.issuer()).isEqualTo(new Issuer("UBND TỈNH HÀ NAM", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
                "Hà Nam", "CHỦ TỊCH", "Trương Quốc Huy", "tdkt@hanam.example"));
        assertThat(registry.unit("SO-KHDT")).map(Unit::name).contains("Sở Kế hoạch và Đầu tư");
        assertThat(registry.unit("UBND-BL")).map(Unit::email).contains("ubndbl@hanam.example");
        assertThat(registry.units()).hasSize(5);
        assertThat(registry.periodNames()).containsExactly("2022", "2023");

        Rules rules = registry.rules();
        assertThat(rules.ratioCap()).isEqualByComparingTo("1.5");
        assertThat(rules.govFlagShare()).isEqualByComparingTo("0.25");
        assertThat(rules.xuatSac()).isEqualByComparingTo("95");
        assertThat(rules.tot()).isEqualByComparingTo("80");
        assertThat(rules.hoanThanh()).isEqualByComparingTo("60");

        Block ktth = registry.blockOf("2022", "SO-TC").orElseThrow();
        assertThat(ktth.code()).isEqualTo("KT-TH");
        assertThat(ktth.name()).isEqualTo("Khối Kinh tế tổng hợp");
        assertThat(ktth.units()).containsExactly("SO-KHDT", "SO-TC", "SO-CT");
        assertThat(ktth.criteria()).extracting(Criterion::code)
                .containsExactly("KT1", "KT2", "KT3", "XH1", "XH2", "TH1", "TR1");
        assertThat(ktth.criterion("TH1").orElseThrow())
                .isEqualTo(new Criterion("TH1", "Khen thưởng cấp trên", Method.BONUS, new BigDecimal("5"),
                        new BigDecimal("2.5")));
        assertThat(ktth.criterion("KT1").orElseThrow().pointsPerItem()).isNull();

        // 33.3 + 33.3 + 33.4 = 100 exactly in decimal (not in binary floating point)
        Block dp2022 = registry.blockOf("2022", "UBND-BL").orElseThrow();
        assertThat(dp2022.criterion("KT1").orElseThrow().maxPoints()).isEqualTo(new BigDecimal("33.3"));
        assertThat(registry.blockOf("2023", "UBND-PL").orElseThrow().leaderUnit()).isEqualTo("UBND-BL");
    }

    @Test
    void omittedRulesTakeTheRulebookDefaults() {
        assertThat(load(VALID.replace(RULES, ""), Set.of()).rules()).isEqualTo(Rules.DEFAULTS);
        assertThat(load(VALID.replace(RULES, "rules:\n"), Set.of()).rules()).isEqualTo(Rules.DEFAULTS);

        Rules partial = load(VALID.replace(RULES, "rules: { thresholds: { TOT: 75 } }\n"), Set.of()).rules();
        assertThat(partial).isEqualTo(new Rules(Rules.DEFAULTS.ratioCap(), Rules.DEFAULTS.govFlagShare(),
                Rules.DEFAULTS.xuatSac(), new BigDecimal("75"), Rules.DEFAULTS.hoanThanh()));
    }

    @Test
    void everyProblemOfABadFileIsListed() {
        String bad = ISSUER
                + "rules: { ratioCap: 0.5, govFlagShare: 1.5, thresholds: { XUAT_SAC: 70, TOT: 90, HOAN_THANH: 50 } }\n"
                + UNITS + """
                periods:
                  - period: "2023"
                    blocks:
                      - code: KT-TH
                        name: "Khối Kinh tế tổng hợp"
                        leaderUnit: SO-KHDT
                        units: [SO-KHDT, SO-TC, SO-XYZ]
                        criteria:
                          - { code: KT1, name: "Tốc độ tăng giá trị sản xuất", method: TARGET, maxPoints: 25 }
                          - { code: KT2, name: "Tỷ lệ hộ nghèo", method: TARGET_LOWER, maxPoints: 20 }
                          - { code: KT3, name: "Số doanh nghiệp thành lập mới", method: RELATIVE, maxPoints: 20 }
                          - { code: XH1, name: "Thực hiện văn hóa công sở", method: PASS_FAIL, maxPoints: 10 }
                          - { code: XH2, name: "Mô hình, điển hình tiên tiến", method: COUNT, maxPoints: 20, pointsPerItem: 5 }
                          - { code: TH1, name: "Khen thưởng cấp trên", method: BONUS, maxPoints: 5, pointsPerItem: 2.5 }
                      - code: DP
                        name: "Khối các huyện, thị xã, thành phố"
                        leaderUnit: SO-CT
                        units: [UBND-PL, UBND-BL, SO-TC]
                        criteria:
                          - { code: KT1, name: "Thu ngân sách nhà nước", method: TARGET, maxPoints: 100 }
                """;

        // KT-TH: 25 + 20 + 20 + 10 + 20 = 95 (the BONUS's 5 does not count)
        assertThat(problems(bad)).containsExactly(
                "rules.ratioCap: must be at least 1, not 0.5",
                "rules.govFlagShare: must be within 0..1, not 1.5",
                "rules.thresholds: thresholds out of order: XUAT_SAC 70, TOT 90, HOAN_THANH 50"
                        + " (XUAT_SAC > TOT > HOAN_THANH is required)",
                "periods[2023].blocks[KT-TH].units: unknown unit SO-XYZ (not in units)",
                "periods[2023].blocks[KT-TH]: maxPoints of non-bonus/penalty criteria add up to 95, not 100",
                "periods[2023].blocks[DP].leaderUnit: SO-CT is not one of the block's units",
                "periods[2023]: unit SO-TC is in more than one block: KT-TH, DP");
    }

    static Stream<Arguments> singleMutations() {
        return Stream.of(
                Arguments.of("officeEmail: \"tdkt@hanam.example\"", "officeEmial: \"tdkt@hanam.example\"",
                        List.of("issuer: unknown key \"officeEmial\" (allowed: parent, name, place, signerTitle,"
                                + " signerName, officeEmail)", "issuer.officeEmail: missing")),
                Arguments.of("\"tdkt@hanam.example\"", "\"tdkt.hanam.example\"",
                        List.of("issuer.officeEmail: tdkt.hanam.example is not a valid e-mail address")),
                Arguments.of("\"stc@hanam.example\"", "\"\"", List.of("units[SO-TC].email: must not be empty")),
                Arguments.of("\"Sở Tài chính\"", "\"Sở Tài\\tchính\"",
                        List.of("units[SO-TC].name: must not contain control characters")),
                Arguments.of("code: SO-CT,", "code: SO-TC,", List.of(
                        "units[SO-TC]: unit code SO-TC is listed more than once",
                        "periods[2022].blocks[KT-TH].units: unknown unit SO-CT (not in units)",
                        "periods[2023].blocks[KT-TH].units: unknown unit SO-CT (not in units)")),
                Arguments.of("period: \"2022\"", "period: \"22\"",
                        List.of("periods[22].period: must be a year written YYYY, not 22")),
                Arguments.of("period: \"2023\"", "period: \"2022\"",
                        List.of("periods[2022]: period 2022 is listed more than once")),
                Arguments.of("units: [SO-KHDT, SO-TC, SO-CT]", "units: [SO-KHDT, SO-TC, SO-TC]",
                        List.of("periods[2022].blocks[KT-TH].units: unit SO-TC is listed more than once")),
                Arguments.of("leaderUnit: UBND-PL", "leaderUnit: \"UBND PL\"",
                        List.of("periods[2022].blocks[DP].leaderUnit: must not contain whitespace: \"UBND PL\"")),
                Arguments.of("        leaderUnit: SO-KHDT\n", "",
                        List.of("periods[2022].blocks[KT-TH].leaderUnit: missing")),
                Arguments.of("code: KT2,", "code: KT1,", List.of("periods[2022].blocks[KT-TH].criteria[KT1]:"
                        + " criterion code KT1 is listed more than once in this table")),
                Arguments.of("method: RELATIVE", "method: RELATIV", List.of("periods[2022].blocks[KT-TH]"
                        + ".criteria[KT3].method: RELATIV is not one of TARGET, TARGET_LOWER, RELATIVE, PASS_FAIL,"
                        + " COUNT, BONUS, PENALTY")),
                // 30 + 20 + 20 + 0 + 20 = 90
                Arguments.of("method: PASS_FAIL, maxPoints: 10", "method: PASS_FAIL, maxPoints: 0", List.of(
                        "periods[2022].blocks[KT-TH].criteria[XH1].maxPoints: must be greater than 0, not 0",
                        "periods[2022].blocks[KT-TH]: maxPoints of non-bonus/penalty criteria add up to 90, not 100")),
                Arguments.of("maxPoints: 20, pointsPerItem: 5 }", "maxPoints: 20 }",
                        List.of("periods[2022].blocks[KT-TH].criteria[XH2].pointsPerItem: missing")),
                Arguments.of("pointsPerItem: 1 }", "pointsPerItem: -1 }", List.of(
                        "periods[2022].blocks[KT-TH].criteria[TR1].pointsPerItem: must be greater than 0, not -1")),
                Arguments.of("method: TARGET, maxPoints: 30 }", "method: TARGET, maxPoints: 30, pointsPerItem: 1 }",
                        List.of("periods[2022].blocks[KT-TH].criteria[KT1].pointsPerItem: only COUNT, BONUS and"
                                + " PENALTY criteria take pointsPerItem, not TARGET")),
                Arguments.of("maxPoints: 30 }", "maxPoints: \"30\" }", List.of(
                        "periods[2022].blocks[KT-TH].criteria[KT1].maxPoints: must be a number, not string 30")),
                Arguments.of("HOAN_THANH: 60", "HOAN_THANH: -1",
                        List.of("rules.thresholds.HOAN_THANH: must be at least 0, not -1")),
                Arguments.of("govFlagShare: 0.25", "govFlagShare: 0.25, ratioCapp: 3",
                        List.of("rules: unknown key \"ratioCapp\" (allowed: ratioCap, govFlagShare, thresholds)")));
    }

    @ParameterizedTest
    @MethodSource("singleMutations")
    void eachRuleIsChecked(String from, String to, List<String> expected) {
        assertThat(problems(replaceFirst(VALID, from, to))).containsExactlyElementsOf(expected);
    }

    @Test
    void yamlSyntaxErrorIsOneProblem() {
        List<String> problems = problems(replaceFirst(VALID, "units:\n", "units: [\n"));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("registry: YAML syntax error at line ");
    }

    @Test
    void duplicateKeyIsRefused() {
        // issuer: line 1, parent 2, name 3, place 4, the second place 5
        List<String> problems = problems(
                replaceFirst(VALID, "place: \"Hà Nam\"", "place: \"Hà Nam\"\n  place: \"Phủ Lý\""));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("registry: YAML error at line 5").contains("Duplicate field 'place'");
    }

    @Test
    void aliasesAreRefused() {
        // issuer 1-7, rules 8, units 9-14, periods 15, period 16, blocks 17, code 18, name 19, the alias 20
        String yaml = replaceFirst(VALID, "name: \"Khối Kinh tế tổng hợp\"",
                "name: &n \"Khối Kinh tế tổng hợp\"\n        nam: *n");
        List<String> problems = problems(yaml);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("registry: YAML alias *n at line 20,")
                .endsWith("is not supported: write the value out in full");
    }

    @Test
    void moreThanOneDocumentIsRefused() {
        assertThat(problems(VALID + "---\n" + VALID))
                .containsExactly("registry: the file must hold one YAML document, not 2");
    }

    @Test
    void periodMayBeWrittenUnquoted() {
        assertThat(load(replaceFirst(VALID, "period: \"2022\"", "period: 2022"), Set.of()).periodNames())
                .containsExactly("2022", "2023");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "# nothing but a comment\n", "[", "{a: 1", "\t- x", "\"open",
            "- a\n- b\n", "x: .nan\n", "42", "issuer: !!binary AAAA\n", "a: [1,\n"})
    void noJacksonExceptionEscapes(String yaml) {
        assertThatThrownBy(() -> load(yaml, Set.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.problems()).isNotEmpty()
                        .allSatisfy(p -> assertThat(p).isNotBlank()));
    }

    @Test
    void emptyFileIsOneProblem() {
        assertThat(problems("# no content\n")).containsExactly("registry: the file is empty");
    }

    @Test
    void changeToAClosedPeriodIsRefusedAndToAnOpenOneAccepted() {
        Registry previous = load(VALID, Set.of());
        // 2023 DP: 60 + 40 becomes 50 + 50, still 100
        String changed = replaceFirst(replaceFirst(VALID, "maxPoints: 60", "maxPoints: 50"),
                "maxPoints: 40", "maxPoints: 50");

        assertThatThrownBy(() -> RegistryLoader.load(changed, previous, Set.of("2023")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.problems()).containsExactly(
                        "periods[2023]: period 2023 is closed: its blocks, units and criteria can no longer be changed"));

        Registry accepted = RegistryLoader.load(changed, previous, Set.of("2022"));
        assertThat(accepted.blockOf("2023", "UBND-PL").orElseThrow().criterion("KT1").orElseThrow().maxPoints())
                .isEqualByComparingTo("50");
    }

    @Test
    void closedPeriodMayNotDisappearButMayBeRewrittenWithTheSameMeaning() {
        Registry previous = load(VALID, Set.of());
        String without2022 = VALID.replace(PERIOD_2022, "");
        assertThat(catchThrowableOfType(RegistryException.class,
                () -> RegistryLoader.load(without2022, previous, Set.of("2022"))).problems())
                .containsExactly("periods: period 2022 is closed and cannot be removed");
        assertThat(catchThrowableOfType(RegistryException.class,
                () -> RegistryLoader.load(without2022, null, Set.of("2022"))).problems())
                .containsExactly("periods: period 2022 is closed and cannot be removed");

        // same values written differently (30 -> 30.0), and a unit's e-mail (not part of a period) changed
        String same = replaceFirst(replaceFirst(VALID, "maxPoints: 30 }", "maxPoints: 30.0 }"),
                "stc@hanam.example", "taichinh@hanam.example");
        Registry reloaded = RegistryLoader.load(same, previous, Set.of("2022", "2023"));
        assertThat(reloaded.unit("SO-TC")).map(Unit::email).contains("taichinh@hanam.example");
    }
}
