package vn.tdkt.hub.domain.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.d;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

import org.junit.jupiter.api.Test;

class RationalTest {

    @Test
    void bigDecimalsConvertExactly() {
        // 5.3 = 53/10; 0.125 = 1/8; 1E+2 = 100 (negative scale); -2.50 = -5/2
        assertThat(Rational.of(d("5.3"))).isEqualTo(Rational.of(53, 10));
        assertThat(Rational.of(d("0.125"))).isEqualTo(Rational.of(1, 8));
        assertThat(Rational.of(d("1E+2"))).isEqualTo(Rational.of(100));
        assertThat(Rational.of(d("-2.50"))).isEqualTo(Rational.of(-5, 2));
    }

    @Test
    void valuesAreNormalised() {
        // 2/4 = 1/2 and 3/-6 = -1/2: same value, same representation
        assertThat(Rational.of(2, 4)).isEqualTo(Rational.of(1, 2)).hasSameHashCodeAs(Rational.of(1, 2));
        assertThat(Rational.of(3, -6)).isEqualTo(Rational.of(-1, 2));
        assertThat(Rational.of(3, -6)).hasToString("-1/2");
        assertThat(Rational.of(6, 3)).hasToString("2");
    }

    @Test
    void arithmeticIsExact() {
        // 1/3 + 1/6 = 1/2; 1/3 - 1/2 = -1/6; 2/3 * 9/4 = 3/2; (1/3) / (2/9) = 3/2
        assertThat(Rational.of(1, 3).add(Rational.of(1, 6))).isEqualTo(Rational.of(1, 2));
        assertThat(Rational.of(1, 3).subtract(Rational.of(1, 2))).isEqualTo(Rational.of(-1, 6));
        assertThat(Rational.of(2, 3).multiply(Rational.of(9, 4))).isEqualTo(Rational.of(3, 2));
        assertThat(Rational.of(1, 3).divide(Rational.of(2, 9))).isEqualTo(Rational.of(3, 2));
        assertThat(Rational.of(1, 3).negate()).isEqualTo(Rational.of(-1, 3));
    }

    @Test
    void comparesByValue() {
        // 2/3 > 0.66 = 33/50 because 2*50 = 100 > 3*33 = 99
        assertThat(Rational.of(2, 3)).isGreaterThan(Rational.of(d("0.66")));
        assertThat(Rational.of(2, 3).min(Rational.of(d("0.66")))).isEqualTo(Rational.of(33, 50));
        assertThat(Rational.of(2, 3).max(Rational.of(d("0.66")))).isEqualTo(Rational.of(2, 3));
        assertThat(Rational.of(-1, 3).signum()).isEqualTo(-1);
        assertThat(Rational.ZERO.signum()).isZero();
    }

    @Test
    void divisionByZeroFails() {
        assertThatThrownBy(() -> Rational.ONE.divide(Rational.ZERO)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Rational.of(1, 0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void roundsHalfAwayFromZero() {
        // 1/8 = 0.125 -> 0.13; -1/8 = -0.125 -> -0.13 (half away from zero, not half-even nor towards +inf)
        assertThat(Rational.of(1, 8).round(2)).isEqualTo(d("0.13"));
        assertThat(Rational.of(-1, 8).round(2)).isEqualTo(d("-0.13"));
        // 0.124 -> 0.12; -0.124 -> -0.12; 0.135 -> 0.14
        assertThat(Rational.of(d("-0.124")).round(2)).isEqualTo(d("-0.12"));
        assertThat(Rational.of(d("0.135")).round(2)).isEqualTo(d("0.14"));
        // 2/3 = 0.666.. -> 0.67; -2/3 -> -0.67; 1/3 -> 0.33; 30/43 = 0.697674.. -> 0.6977
        assertThat(Rational.of(2, 3).round(2)).isEqualTo(d("0.67"));
        assertThat(Rational.of(-2, 3).round(2)).isEqualTo(d("-0.67"));
        assertThat(Rational.of(1, 3).round(2)).isEqualTo(d("0.33"));
        assertThat(Rational.of(30, 43).round(4)).isEqualTo(d("0.6977"));
        // whole numbers keep the requested scale: 7 -> 7.00; 0 -> 0.00
        assertThat(Rational.of(7).round(2)).isEqualTo(d("7.00"));
        assertThat(Rational.ZERO.round(2)).isEqualTo(d("0.00"));
    }

    @Test
    void overflowingLongsFallBackToExactBigIntegers() {
        Rational max = Rational.of(Long.MAX_VALUE);
        BigInteger bigMax = BigInteger.valueOf(Long.MAX_VALUE);
        // MAX + 1 = 2^63; MAX * MAX = (2^63 - 1)^2; 1 / MAX - 1 / (MAX - 1) = -1 / (MAX * (MAX - 1))
        assertThat(max.add(Rational.ONE)).isEqualTo(Rational.of(BigInteger.ONE.shiftLeft(63), BigInteger.ONE));
        assertThat(max.multiply(max)).hasToString(bigMax.multiply(bigMax).toString());
        Rational maxMinusOne = Rational.of(Long.MAX_VALUE - 1);
        assertThat(Rational.ONE.divide(max).subtract(Rational.ONE.divide(maxMinusOne)))
                .isEqualTo(Rational.of(BigInteger.ONE.negate(), bigMax.multiply(bigMax.subtract(BigInteger.ONE))));
        // back in range, the value is held as longs again and equals the same value built directly
        assertThat(max.add(Rational.ONE).subtract(Rational.ONE)).isEqualTo(max).hasSameHashCodeAs(max);
        assertThat(max.multiply(max).divide(max)).isEqualTo(max);
        // Long.MIN_VALUE: its negation does not fit in a long
        assertThat(Rational.of(Long.MIN_VALUE, 1).negate()).hasToString("9223372036854775808");
        assertThat(Rational.of(3, Long.MIN_VALUE)).hasToString("-3/9223372036854775808");
        assertThat(Rational.of(Long.MIN_VALUE, -2)).isEqualTo(Rational.of(1L << 62));
        // comparisons across the two representations: 2^63 > MAX > MAX - 1
        assertThat(max.add(Rational.ONE)).isGreaterThan(max);
        assertThat(max.multiply(max).compareTo(Rational.of(Long.MAX_VALUE - 1).multiply(max))).isPositive();
        assertThat(Rational.of(Long.MAX_VALUE, 3).compareTo(Rational.of(Long.MAX_VALUE - 1, 3))).isPositive();
        // rounding beyond longs (MAX * 100 overflows): MAX / 8 = 1152921504606846975.875, a half at 2 decimals
        // -> ...975.88; the negative rounds away from zero -> -...975.88
        assertThat(Rational.of(Long.MAX_VALUE, 8).round(2)).isEqualTo(d("1152921504606846975.88"));
        assertThat(Rational.of(-Long.MAX_VALUE, 8).round(2)).isEqualTo(d("-1152921504606846975.88"));
        // decimals beyond longs convert exactly: 1E+30 and 1E-25
        assertThat(Rational.of(d("1E+30"))).hasToString("1" + "0".repeat(30));
        assertThat(Rational.of(d("1E-25"))).hasToString("1/1" + "0".repeat(25));
        assertThat(Rational.of(d("12345678901234567890.5"))).isEqualTo(
                Rational.of(new BigInteger("123456789012345678905"), BigInteger.TEN));
    }

    @Test
    void rulebookExampleRoundsTheExactValue() {
        // 0.5 * 15 * 5.3 / 6 = 39.75 / 6 = 6.625 exactly -> 6.63
        Rational exact = Rational.of(1, 2).multiply(Rational.of(15)).multiply(Rational.of(d("5.3")))
                .divide(Rational.of(6));
        assertThat(exact).isEqualTo(Rational.of(53, 8));
        assertThat(exact.round(2)).isEqualTo(d("6.63"));
        // the trap the rulebook warns about: dividing first at 34 digits gives 6.6249.. -> 6.62
        BigDecimal divideFirst = d("5.3").divide(d("6"), MathContext.DECIMAL128).multiply(d("7.5"));
        assertThat(divideFirst.setScale(2, RoundingMode.HALF_UP)).isEqualTo(d("6.62"));
    }
}
