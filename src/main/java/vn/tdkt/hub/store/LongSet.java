package vn.tdkt.hub.store;

/**
 * A set of {@code long}s in one array (open addressing, linear probing): 8 to 16 bytes per value where a
 * {@code HashSet<Long>} takes about 50, for {@link EmbeddedSubmissionIds}' set of every accepted id's hash. Not
 * thread-safe.
 */
final class LongSet {

    private static final long EMPTY = 0L; // the value 0 itself is kept apart, in hasZero

    private long[] slots = new long[1024];
    private int size;
    private boolean hasZero;

    boolean contains(long value) {
        if (value == EMPTY) {
            return hasZero;
        }
        int mask = slots.length - 1;
        for (int i = index(value, mask); ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == value) {
                return true;
            }
            if (slot == EMPTY) {
                return false;
            }
        }
    }

    /** Adds the value; false when it was there already. */
    boolean add(long value) {
        if (value == EMPTY) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        if (!insert(slots, value)) {
            return false;
        }
        size++;
        return true;
    }

    /** Hands every value to {@code action}, in no particular order. */
    void forEach(java.util.function.LongConsumer action) {
        if (hasZero) {
            action.accept(EMPTY);
        }
        for (long v : slots) {
            if (v != EMPTY) {
                action.accept(v);
            }
        }
    }

    int size() {
        return size + (hasZero ? 1 : 0);
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long v : slots) {
            if (v != EMPTY) {
                insert(bigger, v);
            }
        }
        slots = bigger;
    }

    private static boolean insert(long[] table, long value) {
        int mask = table.length - 1;
        for (int i = index(value, mask); ; i = (i + 1) & mask) {
            if (table[i] == value) {
                return false;
            }
            if (table[i] == EMPTY) {
                table[i] = value;
                return true;
            }
        }
    }

    private static int index(long value, int mask) {
        long h = value * 0x9E3779B97F4A7C15L; // the values are hashes already; this only spreads the low bits
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
