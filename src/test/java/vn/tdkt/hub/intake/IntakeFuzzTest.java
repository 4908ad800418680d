package vn.tdkt.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tdkt.hub.support.Records.actual;
import static vn.tdkt.hub.support.Records.record;
import static vn.tdkt.hub.support.Records.submission;
import static vn.tdkt.hub.support.Records.target;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.Criterion;
import vn.tdkt.hub.domain.registry.Method;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.submission.SubmissionValidator;
import vn.tdkt.hub.feeds.StandingsMessage;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.IntakeStore;
import vn.tdkt.hub.store.OutboxStore;
import vn.tdkt.hub.support.Queries;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestRegistry;

/**
 * Fuzz test of the intake over generated submissions, through {@link IntakeService} and a real (H2) database.
 * Each of {@value #CASES} seeded cases ({@code -Dintake.fuzz.seed=N} changes the base seed) generates 40 to 120
 * records for the six units of the test registry's 2023: random targets and actuals (zeros included), criteria
 * left out (incomplete units), PASS_FAIL as true/false/1/0, counts over the maximum, random {@code submittedAt}
 * (later ones replace earlier ones); and about a fifth made invalid (zero or negative target, negative actual,
 * unknown criterion, unknown unit, other period, NaN, cut JSON). The records go through the intake in three
 * arrival orders with random batch sizes, and the valid ones alone once more. Checked:
 * <ul>
 * <li>every invalid record is rejected once, every valid one accepted;</li>
 * <li>the same final scores and standings in every arrival order and batching;</li>
 * <li>the invalid records change nothing: the valid ones alone give the same final state;</li>
 * <li>every score lies within its table's bounds: from minus the PENALTY maxima to 100 plus the BONUS maxima;</li>
 * <li>the ranks of a block's complete units are a permutation of 1..n; incomplete units have no rank.</li>
 * </ul>
 */
class IntakeFuzzTest {

    static final int CASES = 10;
    static final long BASE_SEED = Long.getLong("intake.fuzz.seed", 20_231_231L);
    static final List<String> UNITS = List.of("SO-KHDT", "SO-TC", "SO-CT", "UBND-PL", "UBND-BL", "UBND-LN");

    @TempDir
    Path dir;

    final Registry registry = TestRegistry.load();

    /** One generated record; {@code valid} says whether the generator meant it to be accepted. */
    record Generated(String json, boolean valid) {
    }

    /** The final state of a run: scores by unit and the standings of each block. */
    record Outcome(Map<String, String> scores, List<List<StandingsMessage.Row>> rows, List<BigDecimal> means,
                   long accepted, long rejected) {

        boolean sameStateAs(Outcome o) {
            return scores.equals(o.scores) && rows.equals(o.rows) && means.equals(o.means);
        }
    }

    @Test
    void generatedSubmissionsKeepEveryInvariantInAnyArrivalOrder() {
        Random seeds = new Random(BASE_SEED);
        for (int c = 0; c < CASES; c++) {
            long seed = seeds.nextLong();
            Random random = new Random(seed);
            List<Generated> generated = generate(random, 40 + random.nextInt(81), "f" + c);
            long invalid = generated.stream().filter(g -> !g.valid()).count();
            String label = "case " + c + " (seed " + seed + ", base seed " + BASE_SEED + ")";

            List<String> all = new ArrayList<>(generated.stream().map(Generated::json).toList());
            Outcome first = run(all, random, c + "-a");
            assertThat(first.rejected()).as(label + ": invalid records rejected once each").isEqualTo(invalid);
            assertThat(first.accepted()).as(label + ": valid records accepted").isEqualTo(generated.size() - invalid);
            checkBounds(label);
            for (String order : List.of("b", "c")) {
                Collections.shuffle(all, random);
                Outcome again = run(all, random, c + "-" + order);
                assertThat(again.sameStateAs(first)).as(label + ": order " + order + " gives the same state:\n"
                        + again + "\n" + first).isTrue();
            }
            List<String> validOnly = generated.stream().filter(Generated::valid).map(Generated::json).toList();
            Outcome valid = run(new ArrayList<>(validOnly), random, c + "-v");
            assertThat(valid.sameStateAs(first)).as(label + ": the invalid records change nothing").isTrue();
            assertThat(first.scores()).as(label).isNotEmpty();
        }
    }

    // ---- a run ------------------------------------------------------------------------------------------------

    private Database db;

    private Outcome run(List<String> records, Random random, String name) {
        if (db != null) {
            db.close();
        }
        db = TestDatabases.open(TestDatabases.Kind.H2, dir.resolve(name));
        IntakeService intake = new IntakeService(db, new IntakeStore(db), new OutboxStore(db), () -> registry,
                new SubmissionValidator(), Topics.DEFAULTS,
                Clock.fixed(Instant.parse("2024-01-20T02:00:00Z"), ZoneOffset.UTC));
        int from = 0;
        while (from < records.size()) {
            int size = 1 + random.nextInt(25);
            intake.process(records.subList(from, Math.min(records.size(), from + size)).stream()
                    .map(s -> record(null, s)).toList());
            from += size;
        }
        List<List<StandingsMessage.Row>> rows = new ArrayList<>();
        List<BigDecimal> means = new ArrayList<>();
        for (String block : List.of("KT-TH", "DP")) {
            StandingsMessage s = Queries.standings(db, "2023", block);
            rows.add(s == null ? List.of() : s.units());
            means.add(s == null ? null : s.meanScore());
        }
        return new Outcome(Queries.scores(db, "2023"), rows, means,
                Queries.accepted(db),
                Queries.count(db, "SELECT COUNT(*) FROM rejection"));
    }

    /** Scores within the table's bounds; complete units ranked 1..n, incomplete ones unranked. */
    private void checkBounds(String label) {
        for (Block block : registry.period("2023").orElseThrow().blocks()) {
            BigDecimal penalties = sum(block, Method.PENALTY);
            BigDecimal bonuses = sum(block, Method.BONUS);
            StandingsMessage s = Queries.standings(db, "2023", block.code());
            if (s == null) {
                continue;
            }
            for (StandingsMessage.Row row : s.units()) {
                if (row.score() != null) {
                    assertThat(row.score()).as(label + " " + row.unitCode())
                            .isBetween(penalties.negate(), BigDecimal.valueOf(100).add(bonuses));
                }
                assertThat(row.rank() == null).as(label + " " + row.unitCode() + ": ranked only if complete")
                        .isEqualTo(!row.complete());
            }
            List<Integer> ranks = s.units().stream().map(StandingsMessage.Row::rank).filter(Objects::nonNull)
                    .sorted().toList();
            assertThat(ranks).as(label + " ranks of " + block.code())
                    .isEqualTo(IntStream.rangeClosed(1, ranks.size()).boxed().toList());
        }
    }

    private static BigDecimal sum(Block block, Method method) {
        return block.criteria().stream().filter(c -> c.method() == method).map(Criterion::maxPoints)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    // ---- generation -------------------------------------------------------------------------------------------

    static List<Generated> generate(Random random, int n, String prefix) {
        List<Generated> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = prefix + "-" + i;
            String unit = UNITS.get(random.nextInt(UNITS.size()));
            String at = String.format("2024-01-%02dT%02d:%02d:%02d+07:00", 10 + random.nextInt(5),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60));
            List<String> results = new ArrayList<>();
            if (random.nextInt(8) > 0) {
                results.add(target("KT1", decimal(random, 1, 20), decimal(random, 0, 30)));
            }
            if (random.nextInt(8) > 0) {
                results.add(target("KT2", decimal(random, 1, 20), decimal(random, 0, 30)));
            }
            if (random.nextInt(8) > 0) {
                results.add(actual("KT3", "" + random.nextInt(40)));
            }
            if (random.nextInt(8) > 0) {
                results.add(actual("XH1", List.of("true", "false", "1", "0").get(random.nextInt(4))));
            }
            if (random.nextInt(8) > 0) {
                results.add(actual("XH2", "" + random.nextInt(7)));
            }
            if (random.nextBoolean()) {
                results.add(actual("TH1", "" + random.nextInt(4)));
            }
            if (random.nextBoolean()) {
                results.add(actual("TR1", "" + random.nextInt(8)));
            }
            if (results.isEmpty()) {
                results.add(actual("KT3", "" + random.nextInt(40)));
            }
            if (random.nextInt(5) > 0) {
                out.add(new Generated(submission(id, unit, "2023", at, results), true));
                continue;
            }
            String bad = switch (random.nextInt(8)) {
                case 0 -> submission(id, unit, "2023", at, with(results, target("KT1", "0", "5")));
                case 1 -> submission(id, unit, "2023", at, with(results, target("KT2", "-3.5", "5")));
                case 2 -> submission(id, unit, "2023", at, with(results, actual("KT3", "-1")));
                case 3 -> submission(id, unit, "2023", at, with(results, actual("ZZ9", "1")));
                case 4 -> submission(id, "SO-KHONG-CO", "2023", at, results);
                case 5 -> submission(id, unit, "1999", at, results);
                case 6 -> submission(id, unit, "2023", at, with(results, actual("KT3", "NaN")));
                default -> {
                    String json = submission(id, unit, "2023", at, results);
                    yield json.substring(0, 1 + random.nextInt(json.length() - 1));
                }
            };
            out.add(new Generated(bad, false));
        }
        return out;
    }

    /** The results with {@code extra} in place of any result of the same criterion. */
    private static List<String> with(List<String> results, String extra) {
        String criterion = extra.substring(0, extra.indexOf(',') + 1);
        List<String> out = new ArrayList<>(results.stream().filter(r -> !r.startsWith(criterion)).toList());
        out.add(extra);
        return out;
    }

    private static String decimal(Random random, int min, int max) {
        return (min + random.nextInt(max - min + 1)) + "." + random.nextInt(10);
    }
}
