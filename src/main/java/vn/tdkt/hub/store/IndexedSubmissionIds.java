package vn.tdkt.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link SubmissionIds} for PostgreSQL (production mode, several hub instances): unique on {@code id_hash}, a 64-bit
 * hash of the identity, unit code and id together ({@link SubmissionIdHash}), instead of a primary key on them.
 *
 * <p>Why not a primary key on {@code submission_id}: ids are random (UUIDs, contracts.md), so each accepted
 * submission lands in a random leaf of that index; an index of numbers is smaller and cheaper to keep up to date
 * (README "Performance": PostgreSQL 12,961 -> 15,531 - 18,987 submissions/s with UUIDs).
 *
 * <p>Exactness: a conflict on {@code id_hash} is either the same identity (a duplicate) or another one with the
 * same hash (a collision, about one in 10^10 at a million submissions). The stored unit and id decide; a colliding
 * new identity is kept in {@code submission_overflow}, keyed by id and unit themselves (migration V30), so a
 * collision is never taken for a duplicate.
 * Concurrent hub instances stay exact too: the second insert of a hash waits for the first transaction (unique
 * index) and then sees its row.
 */
public final class IndexedSubmissionIds implements SubmissionIds {

    private static final int IN_CHUNK = 500;

    private final Hash hash;

    /** The hub's: {@link SubmissionIdHash#of}. */
    public IndexedSubmissionIds() {
        this(SubmissionIdHash::of);
    }

    /** With another hash function: tests force collisions with it. */
    public IndexedSubmissionIds(Hash hash) {
        this.hash = hash;
    }

    @Override
    public boolean[] insert(Connection c, List<Row> rows) throws SQLException {
        boolean[] inserted = new boolean[rows.size()];
        if (rows.isEmpty()) {
            return inserted;
        }
        long[] hashes = new long[rows.size()];
        List<Integer> conflicts = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            hashes[i] = hash.of(r.unitCode(), r.submissionId());
        }
        // in the order of the unique key: two transactions inserting some of the same ids wait for each other
        // in that order, never in a cycle (PostgreSQL would abort one of them as a deadlock)
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Long.compare(hashes[a], hashes[b]));
        try (PreparedStatement st = c.prepareStatement("INSERT INTO submission (" + COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (int i : order) {
                SubmissionIds.bind(st, rows.get(i), hashes[i]);
                st.addBatch();
            }
            int[] counts = SubmissionIds.checked(st.executeBatch());
            for (int k = 0; k < counts.length; k++) {
                int i = order.get(k);
                inserted[i] = counts[k] == 1;
                if (!inserted[i]) {
                    conflicts.add(i);
                }
            }
        }
        if (conflicts.isEmpty()) {
            return inserted;
        }
        Map<Long, Key> holders = keysByHash(c, conflicts.stream().map(i -> hashes[i]).toList());
        List<Integer> collided = new ArrayList<>();
        for (int i : conflicts) {
            if (!rows.get(i).key().equals(holders.get(hashes[i]))) {
                collided.add(i); // another identity holds the hash: this one is not a duplicate for that
            }
        }
        if (!collided.isEmpty()) {
            // in the order of the overflow's primary key, for the same reason as above
            collided.sort(java.util.Comparator.<Integer, String>comparing(i -> rows.get(i).submissionId())
                    .thenComparing(i -> rows.get(i).unitCode()));
            try (PreparedStatement st = c.prepareStatement("INSERT INTO submission_overflow (" + COLUMNS + ") "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (int i : collided) {
                    SubmissionIds.bind(st, rows.get(i), hashes[i]);
                    st.addBatch();
                }
                int[] counts = SubmissionIds.checked(st.executeBatch());
                for (int k = 0; k < counts.length; k++) {
                    inserted[collided.get(k)] = counts[k] == 1;
                }
            }
        }
        return inserted;
    }

    @Override
    public long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM submission) "
                     + "+ (SELECT COUNT(*) FROM submission_overflow)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public Set<Key> accepted(Connection c, Collection<Key> keys) throws SQLException {
        Set<Key> wanted = new HashSet<>(keys);
        Set<Key> found = new HashSet<>();
        if (wanted.isEmpty()) {
            return found;
        }
        for (Key held : keysByHash(c, wanted.stream().map(k -> hash.of(k.unitCode(), k.submissionId())).toList())
                .values()) {
            if (wanted.contains(held)) {
                found.add(held);
            }
        }
        Set<String> ids = new HashSet<>();
        wanted.forEach(k -> ids.add(k.submissionId()));
        SelectIn.run(c, "SELECT unit_code, submission_id FROM submission_overflow WHERE submission_id IN ", List.of(),
                ids, IN_CHUNK, rs -> {
                    Key held = new Key(rs.getString(1), rs.getString(2));
                    if (wanted.contains(held)) {
                        found.add(held);
                    }
                });
        return found;
    }

    /** The identity holding each of the hashes in {@code submission} (hashes none holds are absent). */
    private static Map<Long, Key> keysByHash(Connection c, List<Long> hashes) throws SQLException {
        Map<Long, Key> out = new HashMap<>();
        SelectIn.run(c, "SELECT id_hash, unit_code, submission_id FROM submission WHERE id_hash IN ", List.of(),
                new HashSet<>(hashes), IN_CHUNK, rs -> out.put(rs.getLong(1), new Key(rs.getString(2),
                        rs.getString(3))));
        return out;
    }
}
