package vn.tdkt.hub.feeds;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import vn.tdkt.hub.domain.registry.Method;
import vn.tdkt.hub.domain.scoring.CriterionScore;
import vn.tdkt.hub.domain.scoring.UnitScore;

/**
 * UnitScore of contracts.md ({@code tdkt.scores}): a unit's scorecard. PASS_FAIL actuals are shown as
 * true/false, other actuals and targets as the exact decimals reported.
 */
public record UnitScoreMessage(String period, String unitCode, String unitName, String blockCode, BigDecimal score,
                               String rating, boolean complete, List<String> missingCriteria, List<Line> criteria,
                               OffsetDateTime updatedAt) {

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
                s.criteria().stream().map(Line::of).toList(), updatedAt);
    }

    /** How the JSON of a card's {@link #content()} ends: its time stamp, the last field, null. */
    private static final String UNSTAMPED_END = "\"updatedAt\":null}";

    /**
     * The JSON of a card, from the JSON of its {@link #content()} ({@code Json.write(content())}) and of its time
     * stamp ({@code Json.write(updatedAt)}): the same text as {@code Json.write(card)} ({@code updatedAt} is the
     * last field, written as {@code null} in the content), without serialising the card a second time. The intake
     * writes the content of every changed card anyway, to compare it with the last one.
     */
    public static String stampedJson(String contentJson, String updatedAtJson) {
        if (!contentJson.endsWith(UNSTAMPED_END)) {
            throw new IllegalArgumentException("not the JSON of a scorecard's content: " + contentJson);
        }
        return contentJson.substring(0, contentJson.length() - UNSTAMPED_END.length()) + "\"updatedAt\":"
                + updatedAtJson + "}";
    }

    /** The same scorecard without its time stamp: two cards with equal content have not changed. */
    public UnitScoreMessage content() {
        return new UnitScoreMessage(period, unitCode, unitName, blockCode, score, rating, complete, missingCriteria,
                criteria, null);
    }
}
