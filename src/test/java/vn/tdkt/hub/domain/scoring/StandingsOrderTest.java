package vn.tdkt.hub.domain.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.d;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

class StandingsOrderTest {

    private static UnitScore unit(String code, String score, boolean complete, int targetsMet, boolean preferred) {
        return new UnitScore(code, d(score), null, complete, List.of(), List.of(), true, targetsMet, false, null,
                preferred);
    }

    private static List<String> sorted(Comparator<UnitScore> order, UnitScore... units) {
        List<UnitScore> list = new ArrayList<>(List.of(units));
        list.sort(order);
        return list.stream().map(UnitScore::unitCode).toList();
    }

    @Test
    void tieBreakIgnoresScoreAndCompleteness() {
        // keys 2-4 only: preferred first (P), then more targets (T3 before T1), then code (A before B)
        assertThat(sorted(StandingsOrder.TIE_BREAK,
                unit("B", "99.00", true, 1, false), unit("T1", "1.00", true, 1, false),
                unit("T3", "0.00", false, 3, false), unit("P", "0.00", true, 0, true),
                unit("A", "5.00", true, 1, false)))
                .containsExactly("P", "T3", "A", "B", "T1");
    }

    @Test
    void byScoreComparesScoreValuesNotScales() {
        // 50.0 and 50.00 are the same score: the tie-break (code) decides; 60.00 first
        assertThat(sorted(StandingsOrder.BY_SCORE, unit("B", "50.0", true, 0, false),
                unit("A", "50.00", true, 0, false), unit("C", "60.00", true, 0, false)))
                .containsExactly("C", "A", "B");
    }

    @Test
    void standingsPutCompleteUnitsFirst() {
        // incomplete 100.00 after complete 1.00
        assertThat(sorted(StandingsOrder.STANDINGS, unit("A", "100.00", false, 0, false),
                unit("B", "1.00", true, 0, false))).containsExactly("B", "A");
    }
}
