package vn.tdkt.hub.domain.scoring;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact rational number {@code num / den}, always normalised (den > 0, gcd 1), so that scores are computed
 * exactly and rounded once (rulebook section 1: no binary floating point, no intermediate rounding).
 * {@link BigDecimal} values convert exactly.
 * <p>
 * Scores recompute whole blocks for every accepted batch, so values that fit in {@code long}s (all realistic
 * ones) are held and computed in {@code long}s with overflow-checked arithmetic; any operation that would overflow
 * is redone exactly on {@link BigInteger}s. The representation is canonical (longs whenever the normalised value
 * fits, {@code Long.MIN_VALUE} excluded), so equal values are {@link #equals equal}.
 */
public final class Rational implements Comparable<Rational> {

    public static final Rational ZERO = new Rational(0, 1);
    public static final Rational ONE = new Rational(1, 1);

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** The value when {@link #bigNum} is null. */
    private final long num;
    private final long den;
    /** The value when it does not fit in longs, else null. */
    private final BigInteger bigNum;
    private final BigInteger bigDen;

    private Rational(long num, long den) {
        this.num = num;
        this.den = den;
        this.bigNum = null;
        this.bigDen = null;
    }

    private Rational(BigInteger num, BigInteger den) {
        this.num = 0;
        this.den = 0;
        this.bigNum = num;
        this.bigDen = den;
    }

    /** num / den, normalised; den must not be 0. */
    public static Rational of(long num, long den) {
        requireNonZero(den);
        try {
            return reduce(num, den);
        } catch (ArithmeticException overflow) {
            return of(BigInteger.valueOf(num), BigInteger.valueOf(den));
        }
    }

    /** num / den, normalised; den must not be 0. */
    public static Rational of(BigInteger num, BigInteger den) {
        requireNonZero(den.signum());
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        BigInteger gcd = num.gcd(den);
        if (!gcd.equals(BigInteger.ONE)) {
            num = num.divide(gcd);
            den = den.divide(gcd);
        }
        return fitsLong(num) && fitsLong(den) ? new Rational(num.longValue(), den.longValue()) : new Rational(num, den);
    }

    public static Rational of(long value) {
        return of(value, 1);
    }

    /** The exact value of {@code value} (unscaled value / 10^scale). */
    public static Rational of(BigDecimal value) {
        int scale = value.scale();
        BigInteger unscaled = value.unscaledValue();
        if (scale >= 0 && scale < POW10.length && fitsLong(unscaled)) {
            return of(unscaled.longValue(), POW10[scale]);
        }
        return scale >= 0
                ? of(unscaled, BigInteger.TEN.pow(scale))
                : of(unscaled.multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE);
    }

    public Rational add(Rational other) {
        if (isLong() && other.isLong()) {
            try {
                return den == other.den
                        ? reduce(Math.addExact(num, other.num), den)
                        : reduce(Math.addExact(Math.multiplyExact(num, other.den), Math.multiplyExact(other.num, den)),
                                Math.multiplyExact(den, other.den));
            } catch (ArithmeticException overflow) {
                // redone exactly below
            }
        }
        return of(bigNum().multiply(other.bigDen()).add(other.bigNum().multiply(bigDen())),
                bigDen().multiply(other.bigDen()));
    }

    public Rational subtract(Rational other) {
        return add(other.negate());
    }

    public Rational multiply(Rational other) {
        if (isLong() && other.isLong()) {
            try {
                return reduce(Math.multiplyExact(num, other.num), Math.multiplyExact(den, other.den));
            } catch (ArithmeticException overflow) {
                // redone exactly below
            }
        }
        return of(bigNum().multiply(other.bigNum()), bigDen().multiply(other.bigDen()));
    }

    /** this / other; throws {@link ArithmeticException} when other is 0. */
    public Rational divide(Rational other) {
        requireNonZero(other.signum());
        if (isLong() && other.isLong()) {
            try {
                return reduce(Math.multiplyExact(num, other.den), Math.multiplyExact(den, other.num));
            } catch (ArithmeticException overflow) {
                // redone exactly below
            }
        }
        return of(bigNum().multiply(other.bigDen()), bigDen().multiply(other.bigNum()));
    }

    public Rational negate() {
        return isLong() ? new Rational(-num, den) : of(bigNum.negate(), bigDen);
    }

    public Rational min(Rational other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Rational max(Rational other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public int signum() {
        return isLong() ? Long.signum(num) : bigNum.signum();
    }

    /**
     * This value rounded to {@code scale} (>= 0) decimals, half-up with the half going away from zero (so -0.125
     * gives -0.13), as a BigDecimal of exactly that scale.
     */
    public BigDecimal round(int scale) {
        if (isLong() && scale < POW10.length) {
            try {
                long scaled = Math.multiplyExact(num, POW10[scale]);
                long quotient = scaled / den;
                long remainder = Math.abs(scaled % den);
                return BigDecimal.valueOf(remainder >= den - remainder ? quotient + Long.signum(num) : quotient, scale);
            } catch (ArithmeticException overflow) {
                // redone exactly below
            }
        }
        BigInteger[] qr = bigNum().multiply(BigInteger.TEN.pow(scale)).divideAndRemainder(bigDen());
        BigInteger quotient = qr[0];
        if (qr[1].abs().shiftLeft(1).compareTo(bigDen()) >= 0) {
            quotient = quotient.add(BigInteger.valueOf(signum()));
        }
        return new BigDecimal(quotient, scale);
    }

    @Override
    public int compareTo(Rational other) {
        if (isLong() && other.isLong()) {
            if (den == other.den) {
                return Long.compare(num, other.num);
            }
            try {
                return Long.compare(Math.multiplyExact(num, other.den), Math.multiplyExact(other.num, den));
            } catch (ArithmeticException overflow) {
                // redone exactly below
            }
        }
        return bigNum().multiply(other.bigDen()).compareTo(other.bigNum().multiply(bigDen()));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Rational r) || isLong() != r.isLong()) {
            return false;
        }
        return isLong() ? num == r.num && den == r.den : bigNum.equals(r.bigNum) && bigDen.equals(r.bigDen);
    }

    @Override
    public int hashCode() {
        return 31 * bigNum().hashCode() + bigDen().hashCode();
    }

    @Override
    public String toString() {
        return bigDen().equals(BigInteger.ONE) ? bigNum().toString() : bigNum() + "/" + bigDen();
    }

    private boolean isLong() {
        return bigNum == null;
    }

    private BigInteger bigNum() {
        return isLong() ? BigInteger.valueOf(num) : bigNum;
    }

    private BigInteger bigDen() {
        return isLong() ? BigInteger.valueOf(den) : bigDen;
    }

    /** Normalised num / den in longs (den != 0); throws ArithmeticException where longs would overflow. */
    private static Rational reduce(long num, long den) {
        if (den < 0) {
            num = Math.negateExact(num);
            den = Math.negateExact(den);
        }
        long gcd = gcd(Math.absExact(num), den);
        return gcd == 1 ? new Rational(num, den) : new Rational(num / gcd, den / gcd);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** The canonical long range: Long.MIN_VALUE is excluded so that negation never overflows. */
    private static boolean fitsLong(BigInteger value) {
        return value.bitLength() < 64 && value.longValue() != Long.MIN_VALUE;
    }

    private static void requireNonZero(long denominator) {
        if (denominator == 0) {
            throw new ArithmeticException("division by zero");
        }
    }
}
