package vn.tdkt.hub.feeds;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import vn.tdkt.hub.domain.scoring.BlockStandings;
import vn.tdkt.hub.domain.scoring.StandingRow;

/**
 * Standings of contracts.md ({@code tdkt.standings}): a block's whole ranking. {@code sequence} grows with every
 * snapshot of the block and period, so a consumer can drop a stale one.
 */
public record StandingsMessage(String period, String blockCode, String blockName, long sequence, boolean closed,
                               BigDecimal meanScore, Integer blockRank, List<Row> units,
                               OffsetDateTime updatedAt) {

    /** One unit of the ranking. */
    public record Row(Integer rank, String unitCode, String unitName, BigDecimal score, String rating,
                      boolean complete, int targetsMet, BigDecimal womenShare) {

        static Row of(StandingRow r, String unitName) {
            var u = r.unit();
            return new Row(r.rank(), u.unitCode(), unitName, u.score(),
                    u.rating() == null ? null : u.rating().name(), u.complete(), u.targetsMet(), u.womenShare());
        }
    }

    public static StandingsMessage of(BlockStandings s, String blockName, java.util.function.Function<String, String> unitName,
                                      long sequence, boolean closed, Integer blockRank, OffsetDateTime updatedAt) {
        return new StandingsMessage(s.period(), s.blockCode(), blockName, sequence, closed, s.meanScore(), blockRank,
                s.rows().stream().map(r -> Row.of(r, unitName.apply(r.unit().unitCode()))).toList(), updatedAt);
    }

    public StandingsMessage withSnapshot(long newSequence, boolean nowClosed, Integer newBlockRank,
                                         OffsetDateTime at) {
        return new StandingsMessage(period, blockCode, blockName, newSequence, nowClosed, meanScore, newBlockRank,
                units, at);
    }
}
