package vn.tdkt.hub.demo;

import java.util.Random;

/**
 * How well a unit performs in one period of the demo data, and so which rating the rules give it (rulebook
 * section 3). On a TARGET or TARGET_LOWER criterion a unit's ratio is chosen to earn a fraction {@code f} of the
 * points, {@code f} drawn between {@code low} and {@code high}; the flag holder, with {@code f = 1}, has the best
 * ratio and sets the block's scale (R). On a RELATIVE criterion a unit reports a fraction of a best value drawn for
 * the block, between {@code relativeLow} and {@code high}: the flag holder (82-100 %) does not always lead it, which
 * keeps the flag holders' scores apart. With every COUNT criterion full and every PASS_FAIL done, a unit scores
 * about {@code 100 - (1 - f) x P}, P (70 to 75 or 80) being the points of the block-relative criteria; with the
 * bonus and penalty ranges below the bands give: FLAG about 100 and more, EXCELLENT 91-99 ({@code XUAT_SAC}),
 * GOOD 71-88 ({@code TOT}), FAIR 52-69 ({@code HOAN_THANH}), WEAK under 45 ({@code KHONG_HOAN_THANH}). COUNT
 * criteria are reported at {@code countPercent} of the items that fill them (full or more for the best).
 */
enum Tier {
    FLAG('F', 1.00, 1.00, 0.82, 100, true, 1, 2, 0),
    EXCELLENT('E', 0.89, 0.95, 0.89, 100, true, 0, 1, 0),
    GOOD('G', 0.70, 0.80, 0.70, 80, true, 0, 1, 1),
    FAIR('H', 0.48, 0.60, 0.48, 60, true, 0, 0, 2),
    WEAK('W', 0.30, 0.45, 0.30, 30, false, 0, 0, 3);

    private final char letter;
    private final double low;
    private final double high;
    private final double relativeLow;
    private final int countPercent;
    private final boolean passesAll;
    private final int bonusMin;
    private final int bonusMax;
    private final int penaltyMax;

    Tier(char letter, double low, double high, double relativeLow, int countPercent, boolean passesAll,
         int bonusMin, int bonusMax, int penaltyMax) {
        this.letter = letter;
        this.low = low;
        this.high = high;
        this.relativeLow = relativeLow;
        this.countPercent = countPercent;
        this.passesAll = passesAll;
        this.bonusMin = bonusMin;
        this.bonusMax = bonusMax;
        this.penaltyMax = penaltyMax;
    }

    /** The tier of a plan letter, upper or lower case. */
    static Tier of(char letter) {
        for (Tier tier : values()) {
            if (tier.letter == Character.toUpperCase(letter)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("Unknown tier letter " + letter);
    }

    /** The fraction f of the maximum points aimed at on a TARGET or TARGET_LOWER criterion. */
    double fraction(Random rng) {
        return low + (high - low) * rng.nextDouble();
    }

    /** The fraction of the block's drawn best value reported on a RELATIVE criterion. */
    double relativeFraction(Random rng) {
        return relativeLow + (high - relativeLow) * rng.nextDouble();
    }

    /** Items reported for a COUNT criterion that is full with {@code fullItems}: full or more for the best. */
    int countItems(int fullItems, Random rng) {
        int extra = rng.nextInt(fullItems / 2 + 1);
        return countPercent == 100 ? fullItems + extra : (countPercent * fullItems + 99) / 100;
    }

    /** Whether every PASS_FAIL criterion is done (a weak unit misses the last one of its table). */
    boolean passesAll() {
        return passesAll;
    }

    int bonusItems(Random rng) {
        return bonusMin + rng.nextInt(bonusMax - bonusMin + 1);
    }

    int penaltyItems(Random rng) {
        return penaltyMax == 0 ? 0 : rng.nextInt(penaltyMax + 1);
    }
}
