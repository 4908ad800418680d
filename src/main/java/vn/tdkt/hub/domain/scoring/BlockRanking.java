package vn.tdkt.hub.domain.scoring;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks the blocks of one period against each other (rulebook section 4): by the mean score of their complete
 * units rounded to 2 decimals ({@link BlockStandings#meanScore()}), higher first; equal rounded means by block code
 * ascending ({@link String#compareTo}). A block without complete units (null mean) has no rank.
 */
public final class BlockRanking {

    private static final Comparator<BlockStandings> ORDER =
            Comparator.comparing(BlockStandings::meanScore, Comparator.reverseOrder())
                    .thenComparing(BlockStandings::blockCode);

    private BlockRanking() {
    }

    /** Block code to rank 1..n, in rank order; blocks without a mean are absent. */
    public static Map<String, Integer> rank(Collection<BlockStandings> blocks) {
        List<BlockStandings> ranked = blocks.stream().filter(b -> b.meanScore() != null).sorted(ORDER).toList();
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (BlockStandings b : ranked) {
            ranks.put(b.blockCode(), ranks.size() + 1);
        }
        return ranks;
    }
}
