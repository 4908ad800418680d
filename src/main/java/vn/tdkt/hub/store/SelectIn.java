package vn.tdkt.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/** A SELECT with an {@code IN (?, ...)} list of values, run in chunks so that no statement grows without bound. */
final class SelectIn {

    /** Reads one row of the result. */
    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private SelectIn() {
    }

    /**
     * Runs {@code sqlPrefix + "(?, ..., ?)"} ({@code sqlPrefix} ends with {@code IN }) for each chunk of at most
     * {@code chunk} of the {@code values}, with the {@code leading} parameters bound first, and hands every row
     * to {@code reader}. Nothing runs when {@code values} is empty.
     */
    static void run(Connection c, String sqlPrefix, List<?> leading, Collection<?> values, int chunk,
                    RowReader reader) throws SQLException {
        run(c, sqlPrefix, "", leading, values, chunk, reader);
    }

    /** As {@link #run(Connection, String, List, Collection, int, RowReader)}, {@code sqlSuffix} after the list. */
    static void run(Connection c, String sqlPrefix, String sqlSuffix, List<?> leading, Collection<?> values,
                    int chunk, RowReader reader) throws SQLException {
        List<?> all = List.copyOf(values);
        for (int from = 0; from < all.size(); from += chunk) {
            List<?> part = all.subList(from, Math.min(all.size(), from + chunk));
            try (PreparedStatement st = c.prepareStatement(sqlPrefix + "(" + "?,".repeat(part.size() - 1) + "?)"
                    + sqlSuffix)) {
                int index = 1;
                for (Object p : leading) {
                    st.setObject(index++, p);
                }
                for (Object v : part) {
                    st.setObject(index++, v);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
        }
    }
}
