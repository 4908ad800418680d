package vn.tdkt.hub.domain.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tdkt.hub.domain.registry.Method.COUNT;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.av;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.block;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.crit;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.d;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.input;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.score;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.tdkt.hub.domain.registry.Block;

class BlockRankingTest {

    private static BlockStandings withMean(String blockCode, String mean) {
        return new BlockStandings("2023", blockCode, List.of(), mean == null ? null : d(mean));
    }

    @Test
    void higherMeanFirstEqualMeansByCodeBlocksWithoutMeanAbsent() {
        Map<String, Integer> ranks = BlockRanking.rank(List.of(withMean("KC", "80.50"), withMean("KD", null),
                withMean("KB", "80.5"), withMean("KA", "79.99"), withMean("KE", "90.00")));
        // 90.00 > 80.50 = 80.5 (KB before KC by code) > 79.99; KD has no mean
        assertThat(ranks).containsExactly(Map.entry("KE", 1), Map.entry("KB", 2), Map.entry("KC", 3),
                Map.entry("KA", 4));
    }

    @Test
    void blocksAreComparedByTheirRoundedMean() {
        // COUNT with 0.01 point per item: A items score A / 100 points
        List<String> units = List.of("U1", "U2");
        Block kz = block("KZ", units, crit("C", COUNT, "100", "0.01"));
        Block ka = block("KA", units, crit("C", COUNT, "100", "0.01"));
        // KZ: 10.00 and 10.01 -> exact mean 10.005 -> 10.01; KA: only 10.01 complete -> 10.01
        BlockStandings z = score(kz, input("U1", null, "C", av("1000")), input("U2", null, "C", av("1001")));
        BlockStandings a = score(ka, input("U1", null, "C", av("1001")));
        assertThat(z.meanScore()).isEqualTo(d("10.01"));
        assertThat(a.meanScore()).isEqualTo(d("10.01"));
        // KZ's unrounded mean is lower, but rounded means are equal: code order decides
        assertThat(BlockRanking.rank(List.of(z, a))).containsExactly(Map.entry("KA", 1), Map.entry("KZ", 2));
    }

    @Test
    void noBlocksNoRanks() {
        assertThat(BlockRanking.rank(List.of(withMean("KA", null)))).isEmpty();
    }
}
