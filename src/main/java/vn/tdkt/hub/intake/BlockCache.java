package vn.tdkt.hub.intake;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import vn.tdkt.hub.domain.results.CurrentMembers;
import vn.tdkt.hub.domain.results.CurrentResult;

/**
 * What the intake last wrote for a block (current results, member counts and the content of each unit's last
 * scorecard), kept in memory so that a batch does not read a whole block back from the database to recompute it.
 *
 * <p>Correctness rests on the block's snapshot sequence number: every change of a block's results or member
 * counts, by any hub instance, writes a new snapshot with the next sequence number in the same transaction. An
 * entry is used only when its sequence equals the one stored in the database, read under the period lock;
 * otherwise the block is read again. An entry is taken out of the cache ({@link #claim}) for the whole
 * transaction and put back ({@link #release}) only after that transaction committed, so a rolled-back batch
 * leaves nothing behind.
 */
public final class BlockCache {

    /** One block's state, as of snapshot {@code seq}. Mutable: owned by the transaction that claimed it. */
    public static final class Entry {
        long seq;
        final List<String> units;
        final Map<String, Map<String, CurrentResult>> results;
        final Map<String, CurrentMembers> members;
        /** unit -> JSON of its last scorecard's content; absent when not known yet. */
        final Map<String, String> cardContent;
        /**
         * unit -> its last scorecard's content as a value: equal content means an unchanged card without writing
         * JSON; unequal content is compared as JSON ({@link #cardContent}), the published form.
         */
        final Map<String, Object> cardValue = new HashMap<>();
        /** unit -> sequence number of its last scorecard (absent: none yet). */
        final Map<String, Long> cardSequence = new HashMap<>();

        Entry(long seq, List<String> units, Map<String, Map<String, CurrentResult>> results,
              Map<String, CurrentMembers> members, Map<String, String> cardContent) {
            this.seq = seq;
            this.units = List.copyOf(units);
            this.results = results;
            this.members = members;
            this.cardContent = cardContent;
        }

        static Entry empty(List<String> units) {
            return new Entry(0, units, new HashMap<>(), new HashMap<>(), new HashMap<>());
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final boolean enabled;

    public BlockCache(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Takes the block's entry out of the cache if it is still current: same sequence number as stored, same
     * units as the registry now gives the block. Null when the caller must read the block from the database.
     */
    Entry claim(String period, String block, long storedSeq, List<String> units) {
        Entry e = enabled ? entries.remove(key(period, block)) : null;
        return e != null && e.seq == storedSeq && e.units.equals(units) ? e : null;
    }

    /** Puts entries back after their transaction committed. */
    void release(String period, String block, Entry entry) {
        if (enabled) {
            entries.put(key(period, block), entry);
        }
    }

    /**
     * After a commit that gave a block a new snapshot only because its block rank moved (its results unchanged):
     * a cached entry of the previous snapshot describes the new one too.
     */
    void advance(String period, String block, long fromSeq, long toSeq) {
        entries.computeIfPresent(key(period, block), (k, e) -> {
            if (e.seq == fromSeq) {
                e.seq = toSeq;
            }
            return e;
        });
    }

    private static String key(String period, String block) {
        return period + '\u0000' + block;
    }
}
