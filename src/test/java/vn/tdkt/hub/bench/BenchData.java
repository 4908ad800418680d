package vn.tdkt.hub.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The benchmark's province and its submissions: a generated registry of {@value #UNITS} units in
 * {@value #BLOCKS} blocks (4 of 13 units, 4 of 12) for the periods 2023 and 2024, every table of the same 10
 * criteria covering every method (TARGET 20 + 10, TARGET_LOWER 15 + 5, RELATIVE 15 + 5, PASS_FAIL 10, COUNT 20 at
 * 2 per item = 100 points, plus BONUS 5 at 2.5 and PENALTY 5 at 1), and submissions for it as JSON text.
 *
 * <p>Choices: units are {@code U001}..{@code U100}; unit {@code i} (0-based) is in block {@code B(i % 8 + 1)}, so
 * consecutive units spread over the blocks. Random submissions are deterministic for a seed. The closing data
 * ({@link #closingSubmission}) makes every third unit "strong" (every target met twice over, the best RELATIVE
 * values, 10 COUNT items: 100.00 points, XUAT_SAC) and the others "medium" (55.00 points: every ratio 1, half the
 * best RELATIVE values, 5 COUNT items), in both periods; and nominates 10 people per unit, of whom the first 3 are
 * grassroots emulation soldiers in both periods (so 300 people qualify for BANG_KHEN_CA_NHAN in 2024).
 */
final class BenchData {

    static final int UNITS = 100;
    static final int BLOCKS = 8;
    static final int NOMINEES_PER_UNIT = 10;
    static final int SOLDIERS_PER_UNIT = 3;
    /** The COUNT criterion, whose actual the latency probe uses as a sequence number (always full points). */
    static final String SEQUENCE_CRITERION = "C08";

    /** The time of the random submissions: from here on, one millisecond apart. */
    static final Instant JANUARY = Instant.parse("2025-01-01T00:00:00Z");
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
    private static final DateTimeFormatter SUBMITTED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private static final String[] CRITERIA = {
        "{ code: C01, name: \"Tốc độ tăng trưởng\", method: TARGET, maxPoints: 20 }",
        "{ code: C02, name: \"Thu ngân sách\", method: TARGET, maxPoints: 10 }",
        "{ code: C03, name: \"Tỷ lệ hộ nghèo\", method: TARGET_LOWER, maxPoints: 15 }",
        "{ code: C04, name: \"Hồ sơ trễ hạn\", method: TARGET_LOWER, maxPoints: 5 }",
        "{ code: C05, name: \"Doanh nghiệp thành lập mới\", method: RELATIVE, maxPoints: 15 }",
        "{ code: C06, name: \"Vốn thu hút đầu tư\", method: RELATIVE, maxPoints: 5 }",
        "{ code: C07, name: \"Văn hóa công sở\", method: PASS_FAIL, maxPoints: 10 }",
        "{ code: C08, name: \"Mô hình, điển hình tiên tiến\", method: COUNT, maxPoints: 20, pointsPerItem: 2 }",
        "{ code: C09, name: \"Khen thưởng cấp trên\", method: BONUS, maxPoints: 5, pointsPerItem: 2.5 }",
        "{ code: C10, name: \"Vi phạm bị nhắc nhở\", method: PENALTY, maxPoints: 5, pointsPerItem: 1 }",
    };

    private BenchData() {
    }

    static String unit(int i) {
        return String.format("U%03d", i + 1);
    }

    static String block(int unitIndex) {
        return "B" + (unitIndex % BLOCKS + 1);
    }

    /** The registry YAML: issuer, the 100 units, and the same 8 blocks for 2023 and 2024. */
    static String registryYaml() {
        StringBuilder y = new StringBuilder("""
                issuer:
                  parent: "UBND TỈNH HÀ NAM"
                  name: "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
                  place: "Hà Nam"
                  signerTitle: "CHỦ TỊCH"
                  signerName: "Trương Quốc Huy"
                  officeEmail: "tdkt@bench.example"
                units:
                """);
        for (int i = 0; i < UNITS; i++) {
            y.append("  - { code: ").append(unit(i)).append(", name: \"Đơn vị thi đua số ").append(i + 1)
                    .append("\", email: \"").append(unit(i).toLowerCase()).append("@bench.example\" }\n");
        }
        y.append("periods:\n");
        for (String period : List.of("2023", "2024")) {
            y.append("  - period: \"").append(period).append("\"\n    blocks:\n");
            for (int b = 0; b < BLOCKS; b++) {
                List<String> members = new ArrayList<>();
                for (int i = b; i < UNITS; i += BLOCKS) {
                    members.add(unit(i));
                }
                y.append("      - code: B").append(b + 1).append("\n        name: \"Khối thi đua số ").append(b + 1)
                        .append("\"\n        leaderUnit: ").append(members.get(0)).append("\n        units: [")
                        .append(String.join(", ", members)).append("]\n        criteria:\n");
                for (String c : CRITERIA) {
                    y.append("          - ").append(c).append('\n');
                }
            }
        }
        return y.toString();
    }

    /**
     * A random valid 2024 submission of all 10 criteria for a random unit, the COUNT criterion carrying
     * {@code count}.
     */
    static Message randomSubmission(Random random, String submissionId, Instant submittedAt, long count) {
        int u = random.nextInt(UNITS);
        String json = "{\"submissionId\":\"" + submissionId + "\",\"unitCode\":\"" + unit(u)
                + "\",\"period\":\"2024\",\"submittedAt\":\"" + SUBMITTED_AT.format(submittedAt.atOffset(VIETNAM))
                + "\",\"results\":["
                + target("C01", 5 + random.nextInt(20), random.nextInt(400) / 10.0) + ","
                + target("C02", 1 + random.nextInt(9), random.nextInt(120) / 10.0) + ","
                + target("C03", 2 + random.nextInt(8), random.nextInt(100) / 10.0) + ","
                + target("C04", 1 + random.nextInt(20), random.nextInt(30)) + ","
                + actual("C05", random.nextInt(200)) + ","
                + actual("C06", random.nextInt(5000) / 10.0) + ","
                + actual("C07", random.nextBoolean()) + ","
                + actual(SEQUENCE_CRITERION, count) + ","
                + actual("C09", random.nextInt(3)) + ","
                + actual("C10", random.nextInt(4)) + "]}";
        return new Message(unit(u), json);
    }

    /** The closing data of one unit for one period: results by profile, 10 nominees. */
    static Message closingSubmission(int u, String period) {
        boolean strong = u % 3 == 0;
        String results = strong
                ? target("C01", 10, 20) + "," + target("C02", 4, 8) + "," + target("C03", 6, 3) + ","
                        + target("C04", 2, 1) + "," + actual("C05", 100) + "," + actual("C06", 50) + ","
                        + actual("C07", true) + "," + actual(SEQUENCE_CRITERION, 10)
                : target("C01", 10, 10) + "," + target("C02", 4, 4) + "," + target("C03", 6, 6) + ","
                        + target("C04", 2, 2) + "," + actual("C05", 50) + "," + actual("C06", 25) + ","
                        + actual("C07", true) + "," + actual(SEQUENCE_CRITERION, 5);
        List<String> nominees = new ArrayList<>();
        for (int k = 0; k < NOMINEES_PER_UNIT; k++) {
            boolean soldier = k < SOLDIERS_PER_UNIT;
            nominees.add("{\"staffCode\":\"NV-" + k + "\",\"fullName\":\"Nguyễn Thị Cán Bộ " + (u * 10 + k)
                    + "\",\"gender\":\"" + (k % 2 == 0 ? "F" : "M") + "\",\"rating\":\""
                    + (soldier ? "XUAT_SAC" : "TOT")
                    + "\",\"grassrootsEmulationSoldier\":" + soldier
                    + ",\"initiatives\":[{\"title\":\"Cải tiến quy trình số " + k + "\",\"level\":\"GRASSROOTS\"}]}");
        }
        String json = "{\"submissionId\":\"close-" + period + "-" + unit(u) + "\",\"unitCode\":\"" + unit(u)
                + "\",\"period\":\"" + period + "\",\"submittedAt\":\"" + (Integer.parseInt(period) + 1)
                + "-06-30T09:00:00+07:00\",\"members\":{\"total\":50,\"women\":" + (20 + u % 20) + "},\"results\":["
                + results + "],\"nominees\":[" + String.join(",", nominees) + "]}";
        return new Message(unit(u), json);
    }

    private static String target(String criterion, Object target, Object actual) {
        return "{\"criterion\":\"" + criterion + "\",\"target\":" + target + ",\"actual\":" + actual + "}";
    }

    private static String actual(String criterion, Object actual) {
        return "{\"criterion\":\"" + criterion + "\",\"actual\":" + actual + "}";
    }

    /** A record to publish: its key (a unit code, or the period of a command) and its JSON value. */
    record Message(String key, String json) {
    }
}
