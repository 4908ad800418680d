package vn.tdkt.hub.support;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.feeds.StandingsMessage;
import vn.tdkt.hub.store.Database;

/** Reads the hub's stored state in tests. */
public final class Queries {

    private Queries() {
    }

    public static StandingsMessage standings(Database db, String period, String block) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT standings FROM block_state WHERE period = ? AND block_code = ?")) {
                st.setString(1, period);
                st.setString(2, block);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Json.read(rs.getString(1), StandingsMessage.class) : null;
                }
            }
        });
    }

    /** Every stored scorecard of the period: unit code -> "score/rating/complete". */
    public static Map<String, String> scores(Database db, String period) {
        return db.inTransaction(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT unit_code, score, rating, complete FROM unit_score "
                    + "WHERE period = ? ORDER BY unit_code")) {
                st.setString(1, period);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getBigDecimal(2).toPlainString() + "/" + rs.getString(3) + "/"
                                + rs.getBoolean(4));
                    }
                }
            }
            return out;
        });
    }

    /** The first column of every row of {@code sql}, as text. */
    public static List<String> column(Database db, String sql) {
        return db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** How many submissions the database has accepted, on either database ({@code SubmissionIds.count}). */
    public static long accepted(Database db) {
        return db.inTransaction(c -> db.submissionIds().count(c));
    }

    public static long count(Database db, String sql) {
        return db.inTransaction(c -> {
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public static String letterNumber(Database db, String awardId) {
        return letterColumn(db, "letter_number", awardId);
    }

    public static String verificationCode(Database db, String awardId) {
        return letterColumn(db, "verification_code", awardId);
    }

    private static String letterColumn(Database db, String column, String awardId) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + column + " FROM letter WHERE award_id = ?")) {
                st.setString(1, awardId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }
}
