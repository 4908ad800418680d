package vn.tdkt.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import vn.tdkt.hub.domain.award.Hold;
import vn.tdkt.hub.domain.award.PersonKey;
import vn.tdkt.hub.domain.registry.Rating;
import vn.tdkt.hub.domain.submission.Nominee;
import vn.tdkt.hub.feeds.Json;

/** SQL of closing a period: commands, holds, history, awards and letter numbers (inside the caller's transaction). */
public final class ClosingStore {

    /** Records a command id; false when it was accepted before (the command is then ignored). */
    public boolean recordCommand(Connection c, String commandId, String type, String period, String source,
                                 long now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO command_log (command_id, type, period, source, "
                + "accepted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            st.setString(1, commandId);
            st.setString(2, type);
            st.setString(3, period);
            st.setString(4, IntakeStore.truncate(source, 300));
            st.setLong(5, now);
            return st.executeUpdate() == 1;
        }
    }

    public boolean isCommandKnown(Connection c, String commandId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM command_log WHERE command_id = ?")) {
            st.setString(1, commandId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    public void markClosed(Connection c, String period, String commandId, long now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE period_state SET closed = TRUE, closed_at = ?, close_command_id = ? WHERE period = ?")) {
            st.setLong(1, now);
            st.setString(2, commandId);
            st.setString(3, period);
            st.executeUpdate();
        }
    }

    // ---- holds ---------------------------------------------------------------------------------------------

    public void putHold(Connection c, String period, String unitCode, String staffCode, String reason,
                        String commandId) throws SQLException {
        String staff = staffCode == null ? "" : staffCode;
        try (PreparedStatement del = c.prepareStatement(
                "DELETE FROM period_hold WHERE period = ? AND unit_code = ? AND staff_code = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO period_hold (period, unit_code, staff_code, "
                     + "reason, command_id) VALUES (?, ?, ?, ?, ?)")) {
            del.setString(1, period);
            del.setString(2, unitCode);
            del.setString(3, staff);
            del.executeUpdate();
            ins.setString(1, period);
            ins.setString(2, unitCode);
            ins.setString(3, staff);
            ins.setString(4, IntakeStore.truncate(reason, 2000));
            ins.setString(5, commandId);
            ins.executeUpdate();
        }
    }

    /** Removes a hold; a release without a hold does nothing. */
    public void releaseHold(Connection c, String period, String unitCode, String staffCode) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "DELETE FROM period_hold WHERE period = ? AND unit_code = ? AND staff_code = ?")) {
            st.setString(1, period);
            st.setString(2, unitCode);
            st.setString(3, staffCode == null ? "" : staffCode);
            st.executeUpdate();
        }
    }

    public List<Hold> holds(Connection c, String period) throws SQLException {
        List<Hold> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT unit_code, staff_code, reason FROM period_hold "
                + "WHERE period = ? ORDER BY unit_code, staff_code")) {
            st.setString(1, period);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String staff = rs.getString(2);
                    out.add(new Hold(rs.getString(1), staff.isEmpty() ? null : staff, rs.getString(3)));
                }
            }
        }
        return out;
    }

    // ---- history -------------------------------------------------------------------------------------------

    /** The units' ratings in a period (current scorecards; incomplete units have none). */
    public Map<String, Rating> ratings(Connection c, String period) throws SQLException {
        Map<String, Rating> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT unit_code, rating FROM unit_score WHERE period = ? AND rating IS NOT NULL")) {
            st.setString(1, period);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), Rating.valueOf(rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** Final nominee records per period, for the given periods. */
    public Map<String, Map<PersonKey, Nominee>> nominees(Connection c, Collection<String> periods)
            throws SQLException {
        Map<String, Map<PersonKey, Nominee>> out = new HashMap<>();
        for (String period : periods) {
            Map<PersonKey, Nominee> byPerson = new HashMap<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT unit_code, staff_code, nominee_json FROM nominee WHERE period = ?")) {
                st.setString(1, period);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        byPerson.put(new PersonKey(rs.getString(1), rs.getString(2)),
                                Json.read(rs.getString(3), Nominee.class));
                    }
                }
            }
            out.put(period, byPerson);
        }
        return out;
    }

    // ---- awards and letters --------------------------------------------------------------------------------

    /** Records a decided award; false when it was recorded before (decisions are made once). */
    public boolean insertAward(Connection c, String awardId, String period, int seq, String awardCode, String status,
                               String unitCode, String eventJson, long now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO award (award_id, period, seq, award_code, status, "
                + "unit_code, event, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            st.setString(1, awardId);
            st.setString(2, period);
            st.setInt(3, seq);
            st.setString(4, awardCode);
            st.setString(5, status);
            st.setString(6, unitCode);
            st.setString(7, eventJson);
            st.setLong(8, now);
            return st.executeUpdate() == 1;
        }
    }

    /**
     * The next letter number of the year of issue: the counter row is locked, so numbers are consecutive, never
     * reused and never skipped, across transactions and hub instances (a rolled-back transaction gives its
     * numbers back).
     */
    public int nextLetterNumber(Connection c, int year) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO letter_counter (issue_year, last_number) VALUES (?, 0) ON CONFLICT DO NOTHING");
             PreparedStatement sel = c.prepareStatement(
                     "SELECT last_number FROM letter_counter WHERE issue_year = ? FOR UPDATE");
             PreparedStatement upd = c.prepareStatement(
                     "UPDATE letter_counter SET last_number = ? WHERE issue_year = ?")) {
            ins.setInt(1, year);
            ins.executeUpdate();
            sel.setInt(1, year);
            int next;
            try (ResultSet rs = sel.executeQuery()) {
                rs.next();
                next = rs.getInt(1) + 1;
            }
            upd.setInt(1, next);
            upd.setInt(2, year);
            upd.executeUpdate();
            return next;
        }
    }

    public void insertLetter(Connection c, String awardId, String period, int year, int number, String letterNumber,
                             String issuedOn, long now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO letter (award_id, period, issue_year, "
                + "number_in_year, letter_number, issued_on, status, attempts, next_attempt_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)")) {
            st.setString(1, awardId);
            st.setString(2, period);
            st.setInt(3, year);
            st.setInt(4, number);
            st.setString(5, letterNumber);
            st.setString(6, issuedOn);
            st.setLong(7, now);
            st.setLong(8, now);
            st.executeUpdate();
        }
    }

    public void insertCloseSummary(Connection c, String period, long now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO close_summary (period, status, attempts, "
                + "next_attempt_at, updated_at) VALUES (?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING")) {
            st.setString(1, period);
            st.setLong(2, now);
            st.setLong(3, now);
            st.executeUpdate();
        }
    }
}
