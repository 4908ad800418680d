package vn.tdkt.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import vn.tdkt.hub.app.Hub;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.Queries;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestKafka;

/**
 * Three consecutive periods through the real broker: submissions, holds and releases, closes (2022 sent twice)
 * with a hub restart between two closes, and the full set of award events checked against a list made by hand.
 *
 * <p>Profiles (table of the test registry: KT1 TARGET 30, KT2 TARGET_LOWER 20, KT3 RELATIVE 20, XH1 PASS_FAIL
 * 10, XH2 COUNT 20 at 5, TH1 BONUS 5 at 2.5):
 * <ul>
 * <li>L, leader: KT1 T10 A20 (r=2=R: 30), KT2 T5 A2.5 (r=2=R: 20), KT3 A10 (=M: 20), XH1 true (10), XH2 4 (20):
 *     100.00, all targets met; with TH1 1: 102.50.</li>
 * <li>X, excellent: as L but KT3 A9 (20*9/10 = 18): 98.00 (XUAT_SAC).</li>
 * <li>M, middling: KT1 T10 A10 (r=1, R=2: 15), KT2 T5 A5 (r=1: 10), KT3 A5 (10), XH1 (10), XH2 2 (10): 55.00
 *     (HOAN_THANH).</li>
 * </ul>
 * 2021: KT-TH = KHDT L, TC X, CT M (mean 84.33); DP = PL L, BL M, LN M (mean 70.00); KT-TH ranked 1.
 * 2022: same KT-TH; DP = PL L, BL X, LN M (mean 84.33): equal means, so DP (code order) ranked 1; HOLD SO-TC.
 * 2023: KT-TH = KHDT L+bonus 102.50, TC X 98, CT X 98 with 30/40 women (preferred: rank 2 before TC);
 *       DP = BL L 100, PL X 98, LN M; HOLD then RELEASE UBND-PL; HOLD person UBND-BL/NV-2.
 * Nominees: SO-KHDT/NV-1 grassroots soldier 2021-2023, PROVINCE initiative in 2022; UBND-BL/NV-2 XUAT_SAC 2022
 * and 2023 with one initiative each year.
 */
class ClosingFlowTest {

    @TempDir
    Path dir;

    @Test
    void threePeriodsOfClosesGiveExactlyTheExpectedAwards() {
        HubHarness harness = new HubHarness(dir, TestDatabases.Kind.POSTGRES).createTopics();
        Topics topics = harness.topics();
        List<Map.Entry<String, byte[]>> subs = new ArrayList<>();
        for (String p : List.of("2021", "2022", "2023")) {
            boolean y23 = p.equals("2023");
            subs.add(sub(p, "SO-KHDT", y23 ? L_BONUS : L, null, nominee("NV-1", "Nguyễn Thị Hoa", "F", "TOT", true,
                    p.equals("2022") ? "PROVINCE" : "GRASSROOTS")));
            subs.add(sub(p, "SO-TC", X, null, null));
            subs.add(sub(p, "SO-CT", y23 ? X : M, y23 ? "{\"total\":40,\"women\":30}" : null, null));
            subs.add(sub(p, "UBND-PL", y23 ? X : L, null, null));
            subs.add(sub(p, "UBND-BL", switch (p) { case "2021" -> M; case "2022" -> X; default -> L; }, null,
                    p.equals("2021") ? null : nominee("NV-2", "Trần Văn Nam", "M", "XUAT_SAC", false, "GRASSROOTS")));
            subs.add(sub(p, "UBND-LN", M, null, null));
        }
        try (Hub hub = harness.start()) {
            TestKafka.publish(topics.results(), subs);
            command(topics, "c-2021", "{\"commandId\":\"c-2021\",\"type\":\"CLOSE_PERIOD\",\"period\":\"2021\"}");
            command(topics, "h-1", "{\"commandId\":\"h-1\",\"type\":\"HOLD\",\"period\":\"2022\",\"unitCode\":\"SO-TC\","
                    + "\"reason\":\"Đang thanh tra\"}");
            awaitAwards(topics, 5);
        }
        // a restart between two closes: a new hub on the same database and topics
        try (Hub hub = harness.start()) {
            command(topics, "c-2022", "{\"commandId\":\"c-2022\",\"type\":\"CLOSE_PERIOD\",\"period\":\"2022\"}");
            command(topics, "c-2022-again", "{\"commandId\":\"c-2022-again\",\"type\":\"CLOSE_PERIOD\",\"period\":\"2022\"}");
            command(topics, "h-2", "{\"commandId\":\"h-2\",\"type\":\"HOLD\",\"period\":\"2023\",\"unitCode\":\"UBND-PL\"}");
            command(topics, "r-2", "{\"commandId\":\"r-2\",\"type\":\"RELEASE\",\"period\":\"2023\",\"unitCode\":\"UBND-PL\"}");
            command(topics, "h-3", "{\"commandId\":\"h-3\",\"type\":\"HOLD\",\"period\":\"2023\",\"unitCode\":\"UBND-BL\","
                    + "\"staffCode\":\"NV-2\",\"reason\":\"Đang xem xét kỷ luật\"}");
            command(topics, "c-2023", "{\"commandId\":\"c-2023\",\"type\":\"CLOSE_PERIOD\",\"period\":\"2023\"}");
            command(topics, "h-4", "{\"commandId\":\"h-4\",\"type\":\"HOLD\",\"period\":\"2021\",\"unitCode\":\"SO-CT\"}");
            command(topics, "x-1", "{\"commandId\":\"x-1\",\"type\":\"PROMOTE\",\"period\":\"2023\"}");
            // a late 2021 submission (new id) after the close; the same id as an accepted one would be a duplicate
            var late = sub("2021", "SO-CT", L, null, null);
            TestKafka.publish(topics.results(), List.of(Map.entry("SO-CT", new String(late.getValue(),
                    StandardCharsets.UTF_8).replace("2021-SO-CT", "2021-SO-CT-late").getBytes(StandardCharsets.UTF_8))));

            Map<String, String> awards = awardsById(awaitAwards(topics, 21));
            Map<String, String> expected = new TreeMap<>();
            // 2021
            expected.put("2021:CO_THI_DUA_TINH:SO-KHDT", "GRANTED");
            expected.put("2021:CO_THI_DUA_TINH:UBND-PL", "GRANTED");
            expected.put("2021:CO_THI_DUA_CHINH_PHU:SO-KHDT", "PROPOSED"); // 100 = 100, SO-KHDT < UBND-PL
            expected.put("2021:GIAI_KHOI_NHAT:KT-TH", "GRANTED");
            expected.put("2021:GIAI_KHOI_NHI:DP", "GRANTED");
            // 2022
            expected.put("2022:CO_THI_DUA_TINH:SO-KHDT", "GRANTED");
            expected.put("2022:CO_THI_DUA_TINH:UBND-PL", "GRANTED");
            expected.put("2022:BANG_KHEN_TAP_THE:SO-TC", "WITHHELD"); // XUAT_SAC 2021 and 2022, held
            expected.put("2022:CO_THI_DUA_CHINH_PHU:SO-KHDT", "PROPOSED");
            expected.put("2022:GIAI_KHOI_NHAT:DP", "GRANTED"); // 84.33 = 84.33, DP < KT-TH
            expected.put("2022:GIAI_KHOI_NHI:KT-TH", "GRANTED");
            expected.put("2022:BANG_KHEN_CA_NHAN:SO-KHDT/NV-1", "GRANTED"); // soldier 2021 and 2022
            // 2023
            expected.put("2023:CO_THI_DUA_TINH:SO-KHDT", "GRANTED");
            expected.put("2023:CO_THI_DUA_TINH:UBND-BL", "GRANTED");
            expected.put("2023:BANG_KHEN_TAP_THE:SO-TC", "GRANTED"); // the 2022 hold does not carry over
            expected.put("2023:BANG_KHEN_TAP_THE:UBND-PL", "GRANTED"); // held then released
            expected.put("2023:CO_THI_DUA_CHINH_PHU:SO-KHDT", "PROPOSED"); // 102.50 > 100.00
            expected.put("2023:GIAI_KHOI_NHAT:KT-TH", "GRANTED"); // 99.50 > 84.33
            expected.put("2023:GIAI_KHOI_NHI:DP", "GRANTED");
            expected.put("2023:CHIEN_SI_THI_DUA_TINH:SO-KHDT/NV-1", "GRANTED"); // 3 years + PROVINCE initiative
            expected.put("2023:BANG_KHEN_CA_NHAN:UBND-BL/NV-2", "WITHHELD"); // XS 2022+2023, 2 initiatives, held
            assertThat(awards).isEqualTo(expected);

            JsonNode flag = events(topics).stream().filter(e -> e.get("awardId").asText()
                    .equals("2023:CO_THI_DUA_TINH:SO-KHDT")).findFirst().orElseThrow();
            assertThat(flag.get("awardName").asText()).isEqualTo("Cờ thi đua của UBND tỉnh");
            assertThat(flag.get("recipientName").asText()).isEqualTo("Sở Kế hoạch và Đầu tư");
            assertThat(flag.get("reason").get("legalBasis").asText()).contains("Điều 26");
            assertThat(flag.get("reason").get("facts").toString()).contains("102.50");

            // 2023 standings of KT-TH: women preference puts SO-CT before SO-TC on equal scores
            var kt = Queries.standings(hub.database(), "2023", "KT-TH");
            assertThat(kt.closed()).isTrue();
            assertThat(kt.units()).extracting(u -> u.rank() + ":" + u.unitCode() + ":" + u.score())
                    .containsExactly("1:SO-KHDT:102.50", "2:SO-CT:98.00", "3:SO-TC:98.00");

            // letters numbered at decision, consecutively, for every award not withheld (19 of 21)
            assertThat(Queries.count(hub.database(), "SELECT COUNT(*) FROM letter")).isEqualTo(19);
            assertThat(Queries.count(hub.database(), "SELECT MAX(number_in_year) - MIN(number_in_year) + 1 "
                    + "FROM letter")).isEqualTo(19);

            // a HOLD for a closed period, an unknown command type and a late submission are rejected
            List<JsonNode> rejected = TestKafka.readAll(topics.rejected(), Duration.ofSeconds(2)).stream()
                    .map(r -> Json.read(r.value(), JsonNode.class)).toList();
            assertThat(rejected).extracting(r -> r.get("reasons").get(0).get("code").asText())
                    .containsExactlyInAnyOrder("PERIOD_CLOSED", "INVALID_VALUE", "PERIOD_CLOSED");
        }
    }

    // ---- data ----------------------------------------------------------------------------------------------

    static final String L = "{\"criterion\":\"KT1\",\"target\":10,\"actual\":20},{\"criterion\":\"KT2\",\"target\":5,"
            + "\"actual\":2.5},{\"criterion\":\"KT3\",\"actual\":10},{\"criterion\":\"XH1\",\"actual\":true},"
            + "{\"criterion\":\"XH2\",\"actual\":4}";
    static final String L_BONUS = L + ",{\"criterion\":\"TH1\",\"actual\":1}";
    static final String X = L.replace("\"KT3\",\"actual\":10", "\"KT3\",\"actual\":9");
    static final String M = "{\"criterion\":\"KT1\",\"target\":10,\"actual\":10},{\"criterion\":\"KT2\",\"target\":5,"
            + "\"actual\":5},{\"criterion\":\"KT3\",\"actual\":5},{\"criterion\":\"XH1\",\"actual\":1},"
            + "{\"criterion\":\"XH2\",\"actual\":2}";

    static String nominee(String staff, String name, String gender, String rating, boolean soldier, String level) {
        return "{\"staffCode\":\"" + staff + "\",\"fullName\":\"" + name + "\",\"gender\":\"" + gender
                + "\",\"rating\":\"" + rating + "\",\"grassrootsEmulationSoldier\":" + soldier
                + ",\"initiatives\":[{\"title\":\"Số hóa hồ sơ một cửa\",\"level\":\"" + level + "\"}]}";
    }

    static Map.Entry<String, byte[]> sub(String period, String unit, String results, String members, String nominee) {
        String json = "{\"submissionId\":\"" + period + "-" + unit + "\",\"unitCode\":\"" + unit + "\",\"period\":\""
                + period + "\",\"submittedAt\":\"" + (Integer.parseInt(period) + 1) + "-01-10T09:00:00+07:00\","
                + (members == null ? "" : "\"members\":" + members + ",")
                + (nominee == null ? "" : "\"nominees\":[" + nominee + "],")
                + "\"results\":[" + results + "]}";
        return Map.entry(unit, json.getBytes(StandardCharsets.UTF_8));
    }

    static void command(Topics topics, String id, String json) {
        String period = Json.read(json, JsonNode.class).get("period").asText();
        TestKafka.publish(topics.commands(), List.of(Map.entry(period, json.getBytes(StandardCharsets.UTF_8))));
    }

    static List<JsonNode> events(Topics topics) {
        return TestKafka.readAll(topics.awards(), Duration.ofSeconds(1)).stream().map(ConsumerRecord::value)
                .map(v -> Json.read(v, JsonNode.class)).toList();
    }

    /** Award events until at least {@code n} arrived and no more arrive for a while. */
    static List<JsonNode> awaitAwards(Topics topics, int n) {
        long deadline = System.currentTimeMillis() + 120_000;
        List<JsonNode> events = List.of();
        while (System.currentTimeMillis() < deadline) {
            events = TestKafka.readAll(topics.awards(), Duration.ofSeconds(3)).stream().map(ConsumerRecord::value)
                    .map(v -> Json.read(v, JsonNode.class)).toList();
            if (events.size() >= n) {
                return events;
            }
        }
        return events;
    }

    /** awardId -> status; an award published twice under one id would show as a size mismatch below. */
    static Map<String, String> awardsById(List<JsonNode> events) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode e : events) {
            out.merge(e.get("awardId").asText(), e.get("status").asText(), (a, b) -> a + "+" + b);
        }
        assertThat(events).as("no award event published twice").hasSize(out.size());
        return new TreeMap<>(out);
    }
}
