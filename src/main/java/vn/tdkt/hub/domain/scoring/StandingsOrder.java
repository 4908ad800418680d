package vn.tdkt.hub.domain.scoring;

import java.util.Comparator;

/**
 * The order of a block's standings (rulebook section 4), as comparators over {@link UnitScore}s, "first" meaning
 * "smaller":
 * <ol>
 *   <li>score, higher first;</li>
 *   <li>a unit whose members are at least 70 % women first;</li>
 *   <li>more targets met first;</li>
 *   <li>unit code ascending ({@link String#compareTo}).</li>
 * </ol>
 * {@link #STANDINGS} also puts complete units before incomplete ones. Awards reuse {@link #TIE_BREAK} (keys 2 to 4).
 */
public final class StandingsOrder {

    /** Keys 2 to 4: women-preferred first, then more targets met, then unit code. */
    public static final Comparator<UnitScore> TIE_BREAK =
            Comparator.comparing((UnitScore u) -> !u.womenPreferred())
                    .thenComparing(Comparator.comparingInt(UnitScore::targetsMet).reversed())
                    .thenComparing(UnitScore::unitCode);

    /** Keys 1 to 4: score descending, then {@link #TIE_BREAK}. */
    public static final Comparator<UnitScore> BY_SCORE =
            Comparator.comparing(UnitScore::score, Comparator.reverseOrder()).thenComparing(TIE_BREAK);

    /** The full standings order: complete units first, each group ordered {@link #BY_SCORE}. */
    public static final Comparator<UnitScore> STANDINGS =
            Comparator.comparing((UnitScore u) -> !u.complete()).thenComparing(BY_SCORE);

    private StandingsOrder() {
    }
}
