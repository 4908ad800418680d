package vn.tdkt.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LongSetTest {

    @Test
    void holdsExactlyWhatWasAddedAsItGrows() {
        LongSet set = new LongSet();
        Set<Long> reference = new HashSet<>();
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            // many repeats, small values, both signs, and the extremes
            long v = switch (i % 5) {
                case 0 -> random.nextLong();
                case 1 -> random.nextInt(1_000) - 500;
                case 2 -> i % 7 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
                default -> random.nextInt(50_000) * 1_048_576L; // the same low bits
            };
            assertThat(set.add(v)).isEqualTo(reference.add(v));
        }
        assertThat(set.size()).isEqualTo(reference.size());
        Set<Long> visited = new HashSet<>();
        set.forEach(v -> assertThat(visited.add(v)).as("visited once: " + v).isTrue());
        assertThat(visited).isEqualTo(reference);
        for (long v : reference) {
            assertThat(set.contains(v)).isTrue();
        }
        Random other = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long v = other.nextLong();
            assertThat(set.contains(v)).isEqualTo(reference.contains(v));
        }
    }

    @Test
    void zeroIsAValueLikeAnyOther() {
        LongSet set = new LongSet();
        assertThat(set.contains(0)).isFalse();
        assertThat(set.add(0)).isTrue();
        assertThat(set.add(0)).isFalse();
        assertThat(set.contains(0)).isTrue();
        assertThat(set.contains(1)).isFalse();
        assertThat(set.size()).isEqualTo(1);
        Set<Long> visited = new HashSet<>();
        set.forEach(visited::add);
        assertThat(visited).containsExactly(0L);
    }
}
