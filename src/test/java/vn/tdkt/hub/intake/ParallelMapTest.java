package vn.tdkt.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ParallelMapTest {

    @Test
    void resultsKeepTheItemsOrderAndSlicesRunOnTheHelperThreads() {
        List<Integer> items = IntStream.range(0, 1000).boxed().toList();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (ParallelMap map = new ParallelMap(3)) {
            List<Integer> squares = map.map(items, i -> {
                threads.add(Thread.currentThread().getName());
                return i * i;
            });
            assertThat(squares).isEqualTo(items.stream().map(i -> i * i).toList());
        }
        assertThat(threads).hasSize(4).contains(Thread.currentThread().getName());
    }

    @Test
    void smallListsStayOnTheCallingThread() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (ParallelMap map = new ParallelMap(3)) {
            assertThat(map.map(List.of(1, 2, 3), i -> {
                threads.add(Thread.currentThread().getName());
                return -i;
            })).containsExactly(-1, -2, -3);
        }
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void aFailureOnAHelperThreadIsThrownToTheCaller() {
        List<Integer> items = IntStream.range(0, 500).boxed().toList();
        try (ParallelMap map = new ParallelMap(1)) {
            assertThatThrownBy(() -> map.map(items, i -> {
                if (i == 499) {
                    throw new IllegalStateException("boom " + i);
                }
                return i;
            })).isInstanceOf(IllegalStateException.class).hasMessage("boom 499");
        }
    }
}
