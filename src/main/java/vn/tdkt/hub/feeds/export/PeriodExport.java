package vn.tdkt.hub.feeds.export;

import java.util.List;
import java.util.Map;

import vn.tdkt.hub.domain.submission.Rejection;
import vn.tdkt.hub.feeds.AwardEventMessage;
import vn.tdkt.hub.feeds.StandingsMessage;
import vn.tdkt.hub.feeds.UnitScoreMessage;

/**
 * Everything the office's workbook of one period holds ({@link StandingsWorkbook#write(PeriodExport,
 * java.io.OutputStream)}): the standings of every block, the awards decided at the close with their letters, every
 * unit's scorecard (per-criterion detail) and the rejections of the period's records.
 *
 * @param period         the period, e.g. "2023"
 * @param blocks         the Standings of every block of the period, in any order
 * @param awards         the award events in decision (letter-numbering) order, each with its letter if any
 * @param scorecards     the scorecards of every unit that reported, in any order
 * @param criterionNames criterion names by block code, then criterion code (from the registry); a name that is
 *                       missing is left blank
 * @param rejections     the rejected records of the period, newest first
 */
public record PeriodExport(String period, List<StandingsMessage> blocks, List<AwardLine> awards,
                           List<UnitScoreMessage> scorecards, Map<String, Map<String, String>> criterionNames,
                           List<Rejection> rejections) {

    public PeriodExport {
        blocks = List.copyOf(blocks);
        awards = List.copyOf(awards);
        scorecards = List.copyOf(scorecards);
        criterionNames = Map.copyOf(criterionNames);
        rejections = List.copyOf(rejections);
    }

    /**
     * One award with its letter: {@code letterNumber} and {@code letterStatus} ({@code PENDING}, {@code SENDING},
     * {@code SENT}, {@code FAILED}) are null where no letter exists (a withheld award, or a close whose letters are
     * not numbered yet).
     */
    public record AwardLine(AwardEventMessage award, String letterNumber, String letterStatus) {
    }

    /** The name of a criterion of a block's table, or null. */
    String criterionName(String blockCode, String criterion) {
        Map<String, String> names = criterionNames.get(blockCode);
        return names == null ? null : names.get(criterion);
    }
}
