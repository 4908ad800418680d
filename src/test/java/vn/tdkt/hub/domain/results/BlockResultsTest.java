package vn.tdkt.hub.domain.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import vn.tdkt.hub.domain.registry.Rating;
import vn.tdkt.hub.domain.scoring.Members;
import vn.tdkt.hub.domain.submission.Nominee;
import vn.tdkt.hub.domain.submission.ResultEntry;
import vn.tdkt.hub.domain.submission.Submission;

/** The replacement rule of rulebook section 2, on its own: the cases of the rulebook, and arrival order. */
class BlockResultsTest {

    final Map<String, Map<String, CurrentResult>> results = new HashMap<>();
    final Map<String, CurrentMembers> members = new HashMap<>();
    final Map<String, Map<String, Version>> nominees = new HashMap<>();
    final BlockResults block = new BlockResults(results, members);

    @Test
    void aLaterSubmissionReplacesPerCriterionAndLeavesTheOthers() {
        BlockResults.Changes first = apply(sub("a", "U1", "2024-01-10T09:00:00+07:00", null,
                result("KT1", "14.8"), result("KT2", "3")));
        assertThat(first.resultUnits()).containsExactly("U1");
        assertThat(first.rescore()).isTrue();
        BlockResults.Changes second = apply(sub("b", "U1", "2024-01-12T09:00:00+07:00", null, result("KT1", "15")));
        assertThat(second.resultUnits()).containsExactly("U1");
        assertThat(actual("U1", "KT1")).isEqualByComparingTo("15");
        assertThat(actual("U1", "KT2")).isEqualByComparingTo("3");
    }

    @Test
    void anEarlierSubmissionArrivingLateChangesNothing() {
        apply(sub("b", "U1", "2024-01-12T09:00:00+07:00", null, result("KT1", "15")));
        BlockResults.Changes late = apply(sub("a", "U1", "2024-01-10T09:00:00+07:00", new Members(10, 5),
                result("KT1", "14.8")));
        assertThat(late.resultUnits()).isEmpty();
        assertThat(actual("U1", "KT1")).isEqualByComparingTo("15");
        // its members are new, though: the unit had none
        assertThat(late.members()).extracting(BlockResults.MembersChange::existed).containsExactly(false);
        assertThat(late.rescore()).isTrue();
    }

    @Test
    void laterIsComparedAsInstantsThenByTheGreaterSubmissionId() {
        // 09:00+07:00 is 02:00Z, earlier than 03:00Z: the +00:00 one is later although its local time is not
        apply(sub("z", "U1", "2024-01-10T09:00:00+07:00", null, result("KT1", "1")));
        apply(sub("a", "U1", "2024-01-10T03:00:00+00:00", null, result("KT1", "2")));
        assertThat(actual("U1", "KT1")).isEqualByComparingTo("2");
        // the same instant: the greater id in character-code order ("b" > "B" > "A")
        apply(sub("B", "U2", "2024-01-10T09:00:00+07:00", null, result("KT1", "20")));
        apply(sub("A", "U2", "2024-01-10T02:00:00Z", null, result("KT1", "10")));
        assertThat(actual("U2", "KT1")).isEqualByComparingTo("20");
        apply(sub("b", "U2", "2024-01-10T09:00:00+07:00", null, result("KT1", "30")));
        assertThat(actual("U2", "KT1")).isEqualByComparingTo("30");
    }

    @Test
    void membersAreThoseOfTheLatestSubmissionCarryingThem() {
        apply(sub("a", "U1", "2024-01-10T09:00:00+07:00", new Members(84, 61), result("KT1", "1")));
        BlockResults.Changes none = apply(sub("b", "U1", "2024-01-11T09:00:00+07:00", null, result("KT1", "1")));
        assertThat(none.members()).isEmpty();
        assertThat(results.get("U1").get("KT1").version().submissionId()).as("a later equal result replaces too")
                .isEqualTo("b");
        BlockResults.Changes later = apply(sub("c", "U1", "2024-01-12T09:00:00+07:00", new Members(90, 60)));
        assertThat(later.members()).singleElement().satisfies(m -> {
            assertThat(m.existed()).isTrue();
            assertThat(m.members().members()).isEqualTo(new Members(90, 60));
        });
        assertThat(members.get("U1").members()).isEqualTo(new Members(90, 60));
    }

    @Test
    void nomineesAreReplacedPerPersonAndDoNotCallForRescoring() {
        apply(sub("a", "U1", "2024-01-10T09:00:00+07:00", null, List.of(), nominee("NV-1"), nominee("NV-2")));
        BlockResults.Changes later = apply(sub("b", "U1", "2024-01-11T09:00:00+07:00", null, List.of(),
                nominee("NV-2")));
        assertThat(later.nominees()).singleElement().satisfies(n -> {
            assertThat(n.nominee().staffCode()).isEqualTo("NV-2");
            assertThat(n.existed()).isTrue();
        });
        assertThat(later.rescore()).isFalse();
        assertThat(nominees.get("U1")).containsOnlyKeys("NV-1", "NV-2");
        assertThat(nominees.get("U1").get("NV-1").submissionId()).isEqualTo("a");
        assertThat(nominees.get("U1").get("NV-2").submissionId()).isEqualTo("b");
    }

    /** Rulebook: "Arrival order does not matter": 200 submissions in 20 shuffled orders give one state. */
    @Test
    void arrivalOrderDoesNotMatter() {
        Random random = new Random(42);
        List<Submission> subs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String at = String.format("2024-01-%02dT%02d:00:00+07:00", 10 + random.nextInt(3), random.nextInt(24));
            subs.add(sub("s" + random.nextInt(50), "U" + random.nextInt(4), at,
                    random.nextBoolean() ? new Members(10 + random.nextInt(5), random.nextInt(10)) : null,
                    List.of(result("KT" + random.nextInt(3), "" + random.nextInt(100))), nominee("NV-" + i % 7)));
        }
        Object expected = null;
        for (int round = 0; round < 20; round++) {
            List<Submission> order = new ArrayList<>(subs);
            Collections.shuffle(order, random);
            Map<String, Map<String, CurrentResult>> r = new HashMap<>();
            Map<String, CurrentMembers> m = new HashMap<>();
            Map<String, Map<String, Version>> n = new HashMap<>();
            new BlockResults(r, m).apply(order, order.stream().map(BlockResultsTest::version).toList(), n);
            Object state = List.of(r, m, n);
            if (expected == null) {
                expected = state;
            }
            assertThat(state).isEqualTo(expected);
        }
    }

    private BlockResults.Changes apply(Submission s) {
        return block.apply(List.of(s), List.of(version(s)), nominees);
    }

    private BigDecimal actual(String unit, String criterion) {
        return results.get(unit).get(criterion).actual();
    }

    static Version version(Submission s) {
        return Version.of(s.submittedAt(), s.submissionId());
    }

    static Submission sub(String id, String unit, String at, Members members, ResultEntry... results) {
        return sub(id, unit, at, members, List.of(results));
    }

    static Submission sub(String id, String unit, String at, Members members, List<ResultEntry> results,
                          Nominee... nominees) {
        return new Submission(id, unit, "2023", OffsetDateTime.parse(at), members, results, List.of(nominees));
    }

    static ResultEntry result(String criterion, String actual) {
        return new ResultEntry(criterion, null, new BigDecimal(actual));
    }

    static Nominee nominee(String staffCode) {
        return new Nominee(staffCode, "Nguyễn Thị Hoa", "F", Rating.XUAT_SAC, true, List.of());
    }
}
