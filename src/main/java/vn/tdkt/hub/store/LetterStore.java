package vn.tdkt.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL of sending letters. A letter (or a close's summary mail) is claimed by one hub instance with a conditional
 * update (a lease), so two instances never send it at the same time; a claim whose lease ran out was interrupted
 * (the instance died), and the next claimer must first find out whether the mail went out.
 */
public final class LetterStore {

    /**
     * A claimed letter; {@code uncertain} when an earlier attempt did not end in a recorded success: interrupted
     * (a crash while SENDING) or failed. A failure can come after the SMTP server accepted the message (the
     * connection dropped before its reply was read), so before any second attempt the office mailbox is asked.
     */
    public record Claim(String kind, String id, String period, String letterNumber, String issuedOn, int attempts,
                        boolean uncertain) {
    }

    public static final String LETTER = "LETTER";
    public static final String SUMMARY = "SUMMARY";

    /** Claims up to {@code limit} due letters and summaries for {@code owner} until {@code leaseUntil}. */
    public List<Claim> claimDue(Connection c, String owner, long now, long leaseUntil, int limit) throws SQLException {
        List<Claim> out = new ArrayList<>();
        List<Claim> letters = new ArrayList<>();
        try (PreparedStatement sel = c.prepareStatement("SELECT award_id, period, letter_number, issued_on, attempts, "
                + "status FROM letter WHERE " + DUE + " ORDER BY issue_year, number_in_year")) {
            sel.setLong(1, now);
            sel.setLong(2, now);
            sel.setMaxRows(limit);
            try (ResultSet rs = sel.executeQuery()) {
                while (rs.next()) {
                    letters.add(new Claim(LETTER, rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getInt(5) + 1, rs.getInt(5) > 0 || "SENDING".equals(rs.getString(6))));
                }
            }
        }
        List<Claim> summaries = new ArrayList<>();
        try (PreparedStatement sel = c.prepareStatement("SELECT period, attempts, status FROM close_summary WHERE "
                + DUE + " ORDER BY period")) {
            sel.setLong(1, now);
            sel.setLong(2, now);
            try (ResultSet rs = sel.executeQuery()) {
                while (rs.next()) {
                    summaries.add(new Claim(SUMMARY, rs.getString(1), rs.getString(1), null, null, rs.getInt(2) + 1,
                            rs.getInt(2) > 0 || "SENDING".equals(rs.getString(3))));
                }
            }
        }
        claim(c, "letter", "award_id", letters, owner, now, leaseUntil, out);
        claim(c, "close_summary", "period", summaries, owner, now, leaseUntil, out);
        return out;
    }

    /** Due: waiting and its time has come, or being sent by an instance whose lease ran out. */
    private static final String DUE = "((status = 'PENDING' AND next_attempt_at <= ?) OR (status = 'SENDING' AND "
            + "lease_until < ?))";

    /** Claims each candidate with a conditional update: only one instance can win a row. */
    private static void claim(Connection c, String table, String idColumn, List<Claim> candidates, String owner,
                              long now, long leaseUntil, List<Claim> out) throws SQLException {
        try (PreparedStatement claim = c.prepareStatement("UPDATE " + table + " SET status = 'SENDING', "
                + "claimed_by = ?, lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE " + idColumn
                + " = ? AND " + DUE)) {
            for (Claim k : candidates) {
                claim.setString(1, owner);
                claim.setLong(2, leaseUntil);
                claim.setLong(3, now);
                claim.setString(4, k.id());
                claim.setLong(5, now);
                claim.setLong(6, now);
                if (claim.executeUpdate() == 1) {
                    out.add(k);
                }
            }
        }
    }

    /**
     * The heartbeat of a live instance: extends the lease of every letter and summary {@code owner} is sending to
     * {@code leaseUntil}. Returns the number of claims renewed.
     */
    public int renewLeases(Connection c, String owner, long leaseUntil) throws SQLException {
        int renewed = 0;
        for (String table : List.of("letter", "close_summary")) {
            try (PreparedStatement st = c.prepareStatement("UPDATE " + table + " SET lease_until = ? WHERE "
                    + "claimed_by = ? AND status = 'SENDING' AND lease_until < ?")) {
                st.setLong(1, leaseUntil);
                st.setString(2, owner);
                st.setLong(3, leaseUntil);
                renewed += st.executeUpdate();
            }
        }
        return renewed;
    }

    /**
     * Just before a claimed mail goes out: true when {@code owner} still holds the claim (its lease is then extended
     * to {@code leaseUntil}); false when it was taken over meanwhile (the mail must not be sent by this owner).
     */
    public boolean holdClaim(Connection c, Claim k, String owner, long leaseUntil) throws SQLException {
        String table = LETTER.equals(k.kind()) ? "letter" : "close_summary";
        String idColumn = LETTER.equals(k.kind()) ? "award_id" : "period";
        try (PreparedStatement st = c.prepareStatement("UPDATE " + table + " SET lease_until = ? WHERE " + idColumn
                + " = ? AND claimed_by = ? AND status = 'SENDING'")) {
            st.setLong(1, leaseUntil);
            st.setString(2, k.id());
            st.setString(3, owner);
            return st.executeUpdate() == 1;
        }
    }

    /**
     * A restarted instance's claims from before its restart: every letter and summary claimed by an earlier run of
     * the same instance ({@code claimed_by} starting with {@code instancePrefix}, but not {@code owner}, this run)
     * was interrupted by the restart, so its lease is ended now and it is due at once (as an uncertain send, checked
     * against the office mailbox). Returns the number of claims released.
     */
    public int releaseEarlierRuns(Connection c, String instancePrefix, String owner) throws SQLException {
        int released = 0;
        for (String table : List.of("letter", "close_summary")) {
            try (PreparedStatement st = c.prepareStatement("UPDATE " + table + " SET lease_until = 0 WHERE "
                    + "status = 'SENDING' AND claimed_by LIKE ? ESCAPE '!' AND claimed_by <> ?")) {
                st.setString(1, instancePrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
                st.setString(2, owner);
                released += st.executeUpdate();
            }
        }
        return released;
    }

    /** Letters by status (PENDING, SENDING, SENT, FAILED), for metrics. */
    public Map<String, Long> countByStatus(Connection c) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT status, COUNT(*) FROM letter GROUP BY status");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** Records the outcome of a claimed send; false when the claim was lost meanwhile (nothing is changed). */
    public boolean finish(Connection c, Claim k, String owner, String status, String messageId,
                          String verificationCode, String error, long nextAttemptAt, long now) throws SQLException {
        String sql = LETTER.equals(k.kind())
                ? "UPDATE letter SET status = ?, message_id = COALESCE(?, message_id), verification_code = "
                + "COALESCE(?, verification_code), last_error = ?, next_attempt_at = ?, updated_at = ?, "
                + "claimed_by = NULL, lease_until = NULL WHERE award_id = ? AND status = 'SENDING' AND claimed_by = ?"
                : "UPDATE close_summary SET status = ?, last_error = ?, next_attempt_at = ?, updated_at = ?, "
                + "claimed_by = NULL, lease_until = NULL WHERE period = ? AND status = 'SENDING' AND claimed_by = ?";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            st.setString(i++, status);
            if (LETTER.equals(k.kind())) {
                st.setString(i++, messageId);
                st.setString(i++, verificationCode);
            }
            st.setString(i++, IntakeStore.truncate(error, 2000));
            st.setLong(i++, nextAttemptAt);
            st.setLong(i++, now);
            st.setString(i++, k.id());
            st.setString(i, owner);
            return st.executeUpdate() == 1;
        }
    }

    /** The office resends a failed letter: it becomes due again, with a fresh count of attempts. */
    public boolean resend(Connection c, String awardId, long now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE letter SET status = 'PENDING', attempts = 0, "
                + "next_attempt_at = ?, updated_at = ? WHERE award_id = ? AND status = 'FAILED'")) {
            st.setLong(1, now);
            st.setLong(2, now);
            st.setString(3, awardId);
            return st.executeUpdate() == 1;
        }
    }

    /** The stored award event of an award. */
    public String awardEvent(Connection c, String awardId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT event FROM award WHERE award_id = ?")) {
            st.setString(1, awardId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Award events of a period with their letter numbers (awardId -> number; none for withheld awards). */
    public Map<String, String> letterNumbers(Connection c, String period) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT award_id, letter_number FROM letter WHERE period = ?")) {
            st.setString(1, period);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** The letter carrying a verification code: awardId, letter number and status, or null. */
    public Map<String, String> byVerificationCode(Connection c, String code) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT award_id, letter_number, status, issued_on FROM letter WHERE verification_code = ?")) {
            st.setString(1, code);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return Map.of("awardId", rs.getString(1), "letterNumber", rs.getString(2), "status", rs.getString(3),
                        "issuedOn", rs.getString(4));
            }
        }
    }

    /**
     * The next ordering number of a letter's LetterEvents (see {@code V11__keyed_publication.sql}): taken in the
     * transaction that records the event, by the instance that holds the letter's claim.
     */
    public long nextEventSeq(Connection c, String awardId) throws SQLException {
        try (PreparedStatement upd = c.prepareStatement(
                "UPDATE letter SET event_seq = event_seq + 1 WHERE award_id = ?");
             PreparedStatement get = c.prepareStatement("SELECT event_seq FROM letter WHERE award_id = ?")) {
            upd.setString(1, awardId);
            upd.executeUpdate();
            get.setString(1, awardId);
            try (ResultSet rs = get.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("No letter " + awardId);
                }
                return rs.getLong(1);
            }
        }
    }
}
