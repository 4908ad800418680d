package vn.tdkt.hub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import vn.tdkt.hub.feeds.AwardEventMessage;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.feeds.StandingsMessage;

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
}
