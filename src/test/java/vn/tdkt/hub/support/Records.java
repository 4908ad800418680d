package vn.tdkt.hub.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import vn.tdkt.hub.intake.InboundRecord;

/** Builds inbound records and submission JSON for tests. */
public final class Records {

    private static final AtomicLong OFFSETS = new AtomicLong();

    private Records() {
    }

    public static InboundRecord record(String key, String json) {
        return new InboundRecord("tdkt.results", 0, OFFSETS.incrementAndGet(), key,
                json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static InboundRecord record(String key, byte[] value) {
        return new InboundRecord("tdkt.results", 0, OFFSETS.incrementAndGet(), key, value, Map.of());
    }

    /** A submission with the given results, each a JSON object text such as {"criterion":"KT1",...}. */
    public static String submission(String id, String unit, String period, String submittedAt, List<String> results) {
        return "{\"submissionId\":\"" + id + "\",\"unitCode\":\"" + unit + "\",\"period\":\"" + period
                + "\",\"submittedAt\":\"" + submittedAt + "\",\"results\":[" + String.join(",", results) + "]}";
    }

    /**
     * {@code n} valid submissions of the test registry's six units for 2023, with random values and instants
     * (so later ones replace earlier ones per criterion), deterministic for a seed; ids {@code prefix-i}.
     */
    public static List<String> randomSubmissions(long seed, int n, String prefix) {
        String[] units = {"SO-KHDT", "SO-TC", "SO-CT", "UBND-PL", "UBND-BL", "UBND-LN"};
        Random random = new Random(seed);
        List<String> subs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String unit = units[random.nextInt(units.length)];
            String at = String.format("2024-01-%02dT%02d:%02d:%02d+07:00", 10 + random.nextInt(5), random.nextInt(24),
                    random.nextInt(60), random.nextInt(60));
            subs.add(submission(prefix + "-" + i, unit, "2023", at, List.of(
                    target("KT1", "" + (1 + random.nextInt(9)), random.nextInt(12) + "." + random.nextInt(10)),
                    target("KT2", "" + (1 + random.nextInt(9)), "" + random.nextInt(9)),
                    actual("KT3", "" + random.nextInt(50)), actual("XH1", random.nextBoolean() ? "true" : "0"),
                    actual("XH2", "" + random.nextInt(6)), actual("TR1", "" + random.nextInt(3)))));
        }
        return subs;
    }

    public static String target(String criterion, String target, String actual) {
        return "{\"criterion\":\"" + criterion + "\",\"target\":" + target + ",\"actual\":" + actual + "}";
    }

    public static String actual(String criterion, String actual) {
        return "{\"criterion\":\"" + criterion + "\",\"actual\":" + actual + "}";
    }
}
