package vn.tdkt.hub.feeds;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import vn.tdkt.hub.domain.registry.Method;
import vn.tdkt.hub.domain.scoring.CriterionScore;
import vn.tdkt.hub.domain.scoring.UnitScore;

/**
 * UnitScore of contracts.md ({@code tdkt.scores}): a unit's scorecard. PASS_FAIL actuals are shown as
 * true/false, other actuals and targets as the exact decimals reported. {@code sequence} grows by 1 with every
 * scorecard of the unit and period (stored with the card, so it survives restarts and all instances agree: a
 * block is recomputed under its period's lock from what is stored); with {@code updatedAt} it is the card's stamp,
 * not part of its content.
 */
public record UnitScoreMessage(String period, String unitCode, String unitName, String blockCode, BigDecimal score,
                               String rating, boolean complete, List<String> missingCriteria, List<Line> criteria,
                               Long sequence, OffsetDateTime updatedAt) {

    /** One criterion of the scorecard. */
    public record Line(String criterion, Method method, BigDecimal maxPoints, BigDecimal target, Object actual,
                       BigDecimal ratio, BigDecimal points) {

        static Line of(CriterionScore c) {
            Object actual = c.actual();
            if (c.method() == Method.PASS_FAIL && c.actual() != null) {
                actual = c.actual().signum() != 0;
            }
            return new Line(c.criterion(), c.method(), c.maxPoints(), c.target(), actual, c.ratio(), c.points());
        }
    }

    public static UnitScoreMessage of(String period, String blockCode, String unitName, UnitScore s,
                                      OffsetDateTime updatedAt) {
        return new UnitScoreMessage(period, s.unitCode(), unitName, blockCode, s.score(),
                s.rating() == null ? null : s.rating().name(), s.complete(), s.missingCriteria(),
                s.criteria().stream().map(Line::of).toList(), null, updatedAt);
    }

    /** How the JSON of a card's {@link #content()} ends: its stamp, the last two fields, null. */
    private static final String UNSTAMPED_END = "\"sequence\":null,\"updatedAt\":null}";

    /**
     * The JSON of a card, from the JSON of its {@link #content()} ({@code Json.write(content())}), its sequence
     * number and the JSON of its time stamp ({@code Json.write(updatedAt)}): the same text as
     * {@code Json.write(card)} ({@code sequence} and {@code updatedAt} are the last fields, written as {@code null}
     * in the content), without serialising the card a second time. The intake writes the content of every changed
     * card anyway, to compare it with the last one.
     */
    public static String stampedJson(String contentJson, long sequence, String updatedAtJson) {
        if (!contentJson.endsWith(UNSTAMPED_END)) {
            throw new IllegalArgumentException("not the JSON of a scorecard's content: " + contentJson);
        }
        return contentJson.substring(0, contentJson.length() - UNSTAMPED_END.length()) + "\"sequence\":" + sequence
                + ",\"updatedAt\":" + updatedAtJson + "}";
    }

    /** The same scorecard without its stamp (sequence and time): two cards with equal content have not changed. */
    public UnitScoreMessage content() {
        return new UnitScoreMessage(period, unitCode, unitName, blockCode, score, rating, complete, missingCriteria,
                criteria, null, null);
    }

    /** The sequence number, 0 for a card stored before cards were numbered. */
    public long sequenceOrZero() {
        return sequence == null ? 0 : sequence;
    }
}
