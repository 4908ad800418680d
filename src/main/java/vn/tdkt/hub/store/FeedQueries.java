package vn.tdkt.hub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.tdkt.hub.domain.VietnamTime;
import vn.tdkt.hub.domain.submission.Rejection;
import vn.tdkt.hub.feeds.AwardEventMessage;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.feeds.StandingsMessage;
import vn.tdkt.hub.feeds.UnitScoreMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Read side for the office's feeds: the consolidated picture as stored by the intake. */
public final class FeedQueries {

    private final Database db;

    public FeedQueries(Database db) {
        this.db = db;
    }

    /** The latest standings of every block of the period that has any, ranked blocks first (by rank). */
    public List<StandingsMessage> standings(String period) {
        List<StandingsMessage> out = db.inTransaction(c -> {
            List<StandingsMessage> list = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT standings FROM block_state WHERE period = ? AND standings IS NOT NULL")) {
                st.setString(1, period);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        list.add(Json.read(rs.getString(1), StandingsMessage.class));
                    }
                }
            }
            return list;
        });
        out.sort(Comparator.comparing(StandingsMessage::blockRank, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(StandingsMessage::blockCode));
        return out;
    }

    /** The award events decided at the period's close, in decision (letter-numbering) order. */
    public List<AwardEventMessage> awards(String period) {
        return db.inTransaction(c -> {
            List<AwardEventMessage> list = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT event FROM award WHERE period = ? ORDER BY seq")) {
                st.setString(1, period);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        list.add(Json.read(rs.getString(1), AwardEventMessage.class));
                    }
                }
            }
            return list;
        });
    }

    public boolean isClosed(String period) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT closed FROM period_state WHERE period = ?")) {
                st.setString(1, period);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    /** Closed state of every period known to the database. */
    public Map<String, Boolean> closedStates() {
        return db.inTransaction(c -> {
            Map<String, Boolean> out = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT period, closed FROM period_state ORDER BY period");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getBoolean(2));
                }
            }
            return out;
        });
    }

    /** A unit's current scorecard in the period, or null when it has never reported. */
    public UnitScoreMessage scorecard(String period, String unitCode) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT scorecard FROM unit_score WHERE period = ? AND unit_code = ?")) {
                st.setString(1, period);
                st.setString(2, unitCode);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Json.read(rs.getString(1), UnitScoreMessage.class) : null;
                }
            }
        });
    }

    /** Every unit's current scorecard in the period, by unit code. */
    public List<UnitScoreMessage> scorecards(String period) {
        return db.inTransaction(c -> {
            List<UnitScoreMessage> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT scorecard FROM unit_score WHERE period = ? ORDER BY unit_code")) {
                st.setString(1, period);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(Json.read(rs.getString(1), UnitScoreMessage.class));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The rejections of the period's records, newest first, at most {@code limit}: those whose original record is a
     * JSON object (a submission or a command) with {@code "period"} equal to {@code period}. A record whose period
     * cannot be read (not JSON, base64, cut at 64 KiB) belongs to no period; {@link #rejections} lists it.
     */
    public List<Rejection> rejectionsOfPeriod(String period, int limit) {
        return db.inTransaction(c -> {
            List<Rejection> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT body FROM rejection ORDER BY id DESC")) {
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next() && out.size() < limit) {
                        Rejection r = Json.read(rs.getString(1), Rejection.class);
                        if (period.equals(periodOf(r))) {
                            out.add(new Rejection(r.rejectedAt(), r.submissionId(), r.unitCode(), r.reasons(),
                                    r.source(), null, null, null, null));
                        }
                    }
                }
            }
            return out;
        });
    }

    private static String periodOf(Rejection r) {
        if (r.original() == null || r.originalEncoding() != null || !r.original().stripLeading().startsWith("{")) {
            return null;
        }
        try {
            JsonNode period = Json.read(r.original(), JsonNode.class).get("period");
            return period != null && period.isTextual() ? period.asText() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /**
     * The newest rejections first, optionally only those of a unit and/or with a reason code, without the
     * (possibly large) original record.
     */
    public List<ObjectNode> rejections(String unitCode, String reasonCode, int limit) {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT body, reason_codes FROM rejection "
                    + "WHERE (CAST(? AS VARCHAR) IS NULL OR unit_code = ?) ORDER BY id DESC")) {
                st.setString(1, unitCode);
                st.setString(2, unitCode);
                return newestRejections(st, reasonCode, limit);
            }
        });
    }

    /** The newest rejections of any of the units, optionally only those with a reason code, without the original. */
    public List<ObjectNode> rejections(java.util.Set<String> unitCodes, String reasonCode, int limit) {
        if (unitCodes.isEmpty()) {
            return List.of();
        }
        return db.inTransaction(c -> {
            String marks = String.join(", ", java.util.Collections.nCopies(unitCodes.size(), "?"));
            try (PreparedStatement st = c.prepareStatement("SELECT body, reason_codes FROM rejection "
                    + "WHERE unit_code IN (" + marks + ") ORDER BY id DESC")) {
                int i = 1;
                for (String u : unitCodes) {
                    st.setString(i++, u);
                }
                return newestRejections(st, reasonCode, limit);
            }
        });
    }

    /**
     * Up to {@code limit} rejections of a query over {@code body, reason_codes} (newest first), those with
     * {@code reasonCode} only when given, without their original record.
     */
    private static List<ObjectNode> newestRejections(PreparedStatement st, String reasonCode, int limit)
            throws SQLException {
        List<ObjectNode> out = new ArrayList<>();
        st.setMaxRows(reasonCode == null ? limit : 0);
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next() && out.size() < limit) {
                if (reasonCode != null && !List.of(rs.getString(2).split(",")).contains(reasonCode)) {
                    continue;
                }
                ObjectNode node = Json.read(rs.getString(1), ObjectNode.class);
                node.remove("original");
                out.add(node);
            }
        }
        return out;
    }

    /** Letters of the period (all periods when null), by number. */
    public List<Map<String, Object>> letters(String period) {
        return db.inTransaction(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT award_id, period, letter_number, status, attempts, "
                    + "message_id, last_error, updated_at FROM letter WHERE (CAST(? AS VARCHAR) IS NULL OR period = ?) "
                    + "ORDER BY issue_year, number_in_year")) {
                st.setString(1, period);
                st.setString(2, period);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("awardId", rs.getString(1));
                        m.put("period", rs.getString(2));
                        m.put("letterNumber", rs.getString(3));
                        m.put("status", rs.getString(4));
                        m.put("attempts", rs.getInt(5));
                        m.put("messageId", rs.getString(6));
                        m.put("error", rs.getString(7));
                        m.put("updatedAt", java.time.Instant.ofEpochMilli(rs.getLong(8))
                                .atOffset(VietnamTime.OFFSET).toString());
                        out.add(m);
                    }
                }
            }
            return out;
        });
    }

    /** The holds in force in the period (unit code, staff code or null for the unit itself, reason). */
    public List<vn.tdkt.hub.domain.award.Hold> holds(String period) {
        return db.inTransaction(c -> new ClosingStore().holds(c, period));
    }
}
