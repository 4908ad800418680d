package vn.tdkt.hub.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vn.tdkt.hub.domain.results.CurrentResult;
import vn.tdkt.hub.domain.results.CurrentMembers;
import vn.tdkt.hub.domain.results.Version;
import vn.tdkt.hub.domain.scoring.Members;
import vn.tdkt.hub.domain.submission.Submission;

/**
 * SQL of the intake stage. Every method works inside the caller's transaction ({@link Database#inTransaction}).
 * Portable SQL only: it runs unchanged on PostgreSQL and H2 (PostgreSQL mode).
 */
public final class IntakeStore {

    private static final int IN_CHUNK = 500;

    private final SubmissionIds submissions;

    /** The intake's SQL on {@code db} ({@link Database#submissionIds()}: the identity of submissions there). */
    public IntakeStore(Database db) {
        this.submissions = db.submissionIds();
    }

    // ---- periods: existence, lock, closed state ------------------------------------------------------------

    /**
     * Creates the missing period rows, then locks them in sorted order ({@code SELECT ... FOR UPDATE}). Every
     * transaction that changes a period's results, scores or state takes this lock first, so block
     * recomputation, sequence numbers and closing are serialised per period across all hub instances.
     */
    public void lockPeriods(Connection c, Collection<String> periods) throws SQLException {
        List<String> sorted = periods.stream().distinct().sorted().toList();
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO period_state (period, closed) VALUES (?, FALSE) ON CONFLICT DO NOTHING");
             PreparedStatement lock = c.prepareStatement(
                     "SELECT period FROM period_state WHERE period = ? FOR UPDATE")) {
            for (String p : sorted) {
                ins.setString(1, p);
                ins.executeUpdate();
                lock.setString(1, p);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                }
            }
        }
    }

    public Set<String> closedPeriods(Connection c) throws SQLException {
        Set<String> closed = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement("SELECT period FROM period_state WHERE closed = TRUE");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                closed.add(rs.getString(1));
            }
        }
        return closed;
    }

    // ---- submissions and rejections ------------------------------------------------------------------------

    /**
     * Which of these submission identities (unit code and submission id together, contracts.md) were accepted
     * before.
     */
    public Set<SubmissionIds.Key> acceptedIds(Connection c, Collection<SubmissionIds.Key> ids) throws SQLException {
        return submissions.accepted(c, ids);
    }

    /**
     * An accepted submission to record, with its {@code submittedAt} as stored (ISO-8601 text) and the source
     * record it came from (topic/partition/offset).
     */
    public record SubmissionRow(Submission submission, String submittedAt, String source) {
    }

    /** Records accepted submissions; returns, per submission, whether it was new (false: a duplicate). */
    public boolean[] insertSubmissions(Connection c, List<SubmissionRow> subs, long now) throws SQLException {
        List<SubmissionIds.Row> rows = new ArrayList<>(subs.size());
        for (SubmissionRow r : subs) {
            Submission s = r.submission();
            rows.add(new SubmissionIds.Row(s.submissionId(), s.unitCode(), s.period(), r.submittedAt(), r.source(),
                    now));
        }
        return submissions.insert(c, rows);
    }

    /**
     * Records a rejection, unless this source record was rejected before (a redelivery after a crash).
     * Returns true when it is new, so its message must be published.
     */
    public boolean insertRejection(Connection c, String topic, int partition, long offset, String submissionId,
                                   String unitCode, String reasonCodes, long now, String body) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO rejection (source_topic, source_partition, source_offset, submission_id, unit_code, "
                        + "reason_codes, rejected_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            st.setString(1, topic);
            st.setInt(2, partition);
            st.setLong(3, offset);
            st.setString(4, submissionId);
            st.setString(5, truncate(unitCode, 200));
            st.setString(6, truncate(reasonCodes, 500));
            st.setLong(7, now);
            st.setString(8, body);
            return st.executeUpdate() == 1;
        }
    }

    // ---- results, members, nominees ------------------------------------------------------------------------

    /** Current results of these units in the period: unit -> criterion -> result. */
    public Map<String, Map<String, CurrentResult>> loadResults(Connection c, String period, Collection<String> units)
            throws SQLException {
        Map<String, Map<String, CurrentResult>> out = new HashMap<>();
        forUnits(c, "SELECT unit_code, results FROM unit_results WHERE period = ? AND unit_code IN ", period, units,
                rs -> out.put(rs.getString(1), new HashMap<>(UnitResultsCodec.decode(rs.getString(2)))));
        return out;
    }

    /** A unit's complete current results, to write in its one row. */
    public record ResultsWrite(String period, String unitCode, Map<String, CurrentResult> results) {
    }

    /** Writes each unit's row: an UPDATE, or an INSERT for a unit that has none yet. */
    public void writeResults(Connection c, List<ResultsWrite> writes) throws SQLException {
        if (writes.isEmpty()) {
            return;
        }
        List<String> encoded = new ArrayList<>(writes.size());
        int[] updated;
        try (PreparedStatement upd = c.prepareStatement(
                "UPDATE unit_results SET results = ? WHERE period = ? AND unit_code = ?")) {
            for (ResultsWrite w : writes) {
                String json = UnitResultsCodec.encode(w.results());
                encoded.add(json);
                upd.setString(1, json);
                upd.setString(2, w.period());
                upd.setString(3, w.unitCode());
                upd.addBatch();
            }
            updated = upd.executeBatch();
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO unit_results (results, period, unit_code) VALUES (?, ?, ?)")) {
            boolean any = false;
            for (int i = 0; i < writes.size(); i++) {
                if (updated[i] == Statement.SUCCESS_NO_INFO) {
                    throw new SQLException("The driver does not report which results rows were updated");
                }
                if (updated[i] == 0) {
                    ins.setString(1, encoded.get(i));
                    ins.setString(2, writes.get(i).period());
                    ins.setString(3, writes.get(i).unitCode());
                    ins.addBatch();
                    any = true;
                }
            }
            if (any) {
                ins.executeBatch();
            }
        }
    }

    public Map<String, CurrentMembers> loadMembers(Connection c, String period, Collection<String> units)
            throws SQLException {
        Map<String, CurrentMembers> out = new HashMap<>();
        forUnits(c, "SELECT unit_code, total, women, submitted_sec, submitted_nano, submission_id "
                + "FROM unit_members WHERE period = ? AND unit_code IN ", period, units, rs ->
                out.put(rs.getString(1), new CurrentMembers(new Members(rs.getInt(2), rs.getInt(3)),
                        new Version(rs.getLong(4), rs.getInt(5), rs.getString(6)))));
        return out;
    }

    /** A member count to write; {@code exists} tells UPDATE from INSERT. */
    public record MembersWrite(String period, String unitCode, CurrentMembers members, boolean exists) {
    }

    public void writeMembers(Connection c, List<MembersWrite> writes) throws SQLException {
        if (writes.isEmpty()) {
            return;
        }
        try (PreparedStatement upd = c.prepareStatement("UPDATE unit_members SET total = ?, women = ?, "
                + "submitted_sec = ?, submitted_nano = ?, submission_id = ? WHERE period = ? AND unit_code = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO unit_members (total, women, submitted_sec, "
                     + "submitted_nano, submission_id, period, unit_code) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (MembersWrite w : writes) {
                PreparedStatement st = w.exists() ? upd : ins;
                CurrentMembers m = w.members();
                st.setInt(1, m.members().total());
                st.setInt(2, m.members().women());
                st.setLong(3, m.version().epochSecond());
                st.setInt(4, m.version().nano());
                st.setString(5, m.version().submissionId());
                st.setString(6, w.period());
                st.setString(7, w.unitCode());
                st.addBatch();
            }
            ins.executeBatch();
            upd.executeBatch();
        }
    }

    /** Versions of the stored nominees of these units: unit -> staff code -> version. */
    public Map<String, Map<String, Version>> loadNomineeVersions(Connection c, String period,
                                                                 Collection<String> units) throws SQLException {
        Map<String, Map<String, Version>> out = new HashMap<>();
        forUnits(c, "SELECT unit_code, staff_code, submitted_sec, submitted_nano, submission_id "
                + "FROM nominee WHERE period = ? AND unit_code IN ", period, units, rs ->
                out.computeIfAbsent(rs.getString(1), u -> new HashMap<>()).put(rs.getString(2),
                        new Version(rs.getLong(3), rs.getInt(4), rs.getString(5))));
        return out;
    }

    /** A nominee to write; {@code exists} tells UPDATE from INSERT. */
    public record NomineeWrite(String period, String unitCode, String staffCode, String json, Version version,
                               boolean exists) {
    }

    /** Writes nominees in order (an INSERT before the UPDATEs of the same person in one batch). */
    public void writeNominees(Connection c, List<NomineeWrite> writes) throws SQLException {
        if (writes.isEmpty()) {
            return;
        }
        try (PreparedStatement upd = c.prepareStatement("UPDATE nominee SET nominee_json = ?, submitted_sec = ?, "
                + "submitted_nano = ?, submission_id = ? WHERE period = ? AND unit_code = ? AND staff_code = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO nominee (nominee_json, submitted_sec, "
                     + "submitted_nano, submission_id, period, unit_code, staff_code) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (NomineeWrite w : writes) {
                PreparedStatement st = w.exists() ? upd : ins;
                st.setString(1, w.json());
                st.setLong(2, w.version().epochSecond());
                st.setInt(3, w.version().nano());
                st.setString(4, w.version().submissionId());
                st.setString(5, w.period());
                st.setString(6, w.unitCode());
                st.setString(7, w.staffCode());
                st.addBatch();
            }
            ins.executeBatch();
            upd.executeBatch();
        }
    }

    // ---- scores and block state ----------------------------------------------------------------------------

    /** Stored scorecards (JSON) of these units. */
    public Map<String, String> loadScorecards(Connection c, String period, Collection<String> units)
            throws SQLException {
        Map<String, String> out = new HashMap<>();
        forUnits(c, "SELECT unit_code, scorecard FROM unit_score WHERE period = ? AND unit_code IN ", period, units,
                rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    /** A scorecard row to write; {@code exists} tells UPDATE from INSERT. */
    public record ScoreWrite(String period, String unitCode, String blockCode, BigDecimal score, String rating,
                             boolean complete, String json, boolean exists) {
    }

    public void writeScores(Connection c, List<ScoreWrite> writes, long now) throws SQLException {
        try (PreparedStatement upd = c.prepareStatement("UPDATE unit_score SET block_code = ?, score = ?, rating = ?, "
                + "complete = ?, scorecard = ?, updated_at = ? WHERE period = ? AND unit_code = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO unit_score (block_code, score, rating, complete, "
                     + "scorecard, updated_at, period, unit_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ScoreWrite w : writes) {
                PreparedStatement st = w.exists() ? upd : ins;
                st.setString(1, w.blockCode());
                st.setBigDecimal(2, w.score());
                setNullableString(st, 3, w.rating());
                st.setBoolean(4, w.complete());
                st.setString(5, w.json());
                st.setLong(6, now);
                st.setString(7, w.period());
                st.setString(8, w.unitCode());
                st.addBatch();
            }
            upd.executeBatch();
            ins.executeBatch();
        }
    }

    /** Every stored block state of the period, by block code. */
    public Map<String, BlockState> loadBlockStates(Connection c, String period) throws SQLException {
        Map<String, BlockState> out = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT block_code, seq, mean_score, block_rank, standings "
                + "FROM block_state WHERE period = ? ORDER BY block_code")) {
            st.setString(1, period);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int rank = rs.getInt(4);
                    out.put(rs.getString(1), new BlockState(period, rs.getString(1), rs.getLong(2),
                            rs.getBigDecimal(3), rs.wasNull() ? null : rank, rs.getString(5)));
                }
            }
        }
        return out;
    }

    /** Writes a block's new snapshot; {@code exists} tells UPDATE from INSERT. */
    public void writeBlockState(Connection c, BlockState s, boolean exists, long now) throws SQLException {
        String sql = exists
                ? "UPDATE block_state SET seq = ?, mean_score = ?, block_rank = ?, standings = ?, updated_at = ? "
                + "WHERE period = ? AND block_code = ?"
                : "INSERT INTO block_state (seq, mean_score, block_rank, standings, updated_at, period, block_code) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, s.seq());
            st.setBigDecimal(2, s.meanScore());
            if (s.blockRank() == null) {
                st.setNull(3, Types.INTEGER);
            } else {
                st.setInt(3, s.blockRank());
            }
            setNullableString(st, 4, s.standingsJson());
            st.setLong(5, now);
            st.setString(6, s.period());
            st.setString(7, s.blockCode());
            st.executeUpdate();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static void forUnits(Connection c, String sqlPrefix, String period, Collection<String> units,
                                 SelectIn.RowReader reader) throws SQLException {
        SelectIn.run(c, sqlPrefix, List.of(period), units, IN_CHUNK, reader);
    }

    static void setNullableString(PreparedStatement st, int index, String value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.VARCHAR);
        } else {
            st.setString(index, value);
        }
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
