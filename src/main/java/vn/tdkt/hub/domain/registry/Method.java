package vn.tdkt.hub.domain.registry;

/** Scoring method of a criterion (rulebook section 1). */
public enum Method {
    TARGET, TARGET_LOWER, RELATIVE, PASS_FAIL, COUNT, BONUS, PENALTY;

    /** BONUS and PENALTY are optional and do not count towards the 100 points nor completeness. */
    public boolean isOptional() {
        return this == BONUS || this == PENALTY;
    }

    /** Methods whose result carries a target and a ratio. */
    public boolean hasTarget() {
        return this == TARGET || this == TARGET_LOWER;
    }

    /** Methods whose points depend on the other units of the block. */
    public boolean isBlockRelative() {
        return this == TARGET || this == TARGET_LOWER || this == RELATIVE;
    }

    /** Methods whose actual must be a whole number. */
    public boolean isCount() {
        return this == COUNT || this == BONUS || this == PENALTY;
    }
}
