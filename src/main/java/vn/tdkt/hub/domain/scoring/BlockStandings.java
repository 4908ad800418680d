package vn.tdkt.hub.domain.scoring;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A block's standings for one period: every unit of the block in standings order (rulebook section 4), and the
 * mean score of its complete units rounded to 2 decimals half-up (null when it has none).
 */
public record BlockStandings(String period, String blockCode, List<StandingRow> rows, BigDecimal meanScore) {

    public BlockStandings {
        rows = List.copyOf(rows);
    }

    public Optional<StandingRow> row(String unitCode) {
        return rows.stream().filter(r -> r.unit().unitCode().equals(unitCode)).findFirst();
    }

    /** The unit ranked 1, if any unit is complete. */
    public Optional<StandingRow> leader() {
        return rows.stream().filter(r -> r.rank() != null && r.rank() == 1).findFirst();
    }
}
