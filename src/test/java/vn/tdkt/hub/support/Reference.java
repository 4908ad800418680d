package vn.tdkt.hub.support;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.domain.submission.SubmissionValidator;
import vn.tdkt.hub.feeds.StandingsMessage;
import vn.tdkt.hub.intake.InboundRecord;
import vn.tdkt.hub.intake.IntakeService;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.IntakeStore;
import vn.tdkt.hub.store.OutboxStore;

/**
 * The undisturbed run that fault tests compare with: the same submissions through the intake, in batches, on a
 * fresh database, with nothing going wrong. Holds the final 2023 scores and standings of the test registry.
 */
public final class Reference {

    public static final List<String> BLOCKS = List.of("KT-TH", "DP");

    private final Map<String, String> scores;
    private final Map<String, StandingsMessage> standings = new LinkedHashMap<>();

    public Reference(List<String> submissions, Path dir) {
        try (Database db = TestDatabases.open(TestDatabases.Kind.H2, dir)) {
            var registry = TestRegistry.load();
            IntakeService intake = new IntakeService(db, new IntakeStore(), new OutboxStore(db), () -> registry,
                    new SubmissionValidator(), Topics.DEFAULTS, Clock.systemUTC());
            for (int from = 0; from < submissions.size(); from += 200) {
                List<InboundRecord> batch = new ArrayList<>();
                submissions.subList(from, Math.min(submissions.size(), from + 200))
                        .forEach(s -> batch.add(Records.record(null, s)));
                intake.process(batch);
            }
            scores = Queries.scores(db, "2023");
            BLOCKS.forEach(b -> standings.put(b, Queries.standings(db, "2023", b)));
        }
    }

    /** Differences between a hub's stored 2023 state and this reference, one line each (empty: none). */
    public List<String> discrepancies(Database hubDb) {
        List<String> out = new ArrayList<>();
        Map<String, String> actual = Queries.scores(hubDb, "2023");
        if (!actual.equals(scores)) {
            out.add("scores " + actual + " != " + scores);
        }
        for (String b : BLOCKS) {
            StandingsMessage s = Queries.standings(hubDb, "2023", b);
            StandingsMessage expected = standings.get(b);
            if (s == null || !s.units().equals(expected.units()) || !s.meanScore().equals(expected.meanScore())) {
                out.add("standings of " + b + " differ");
            }
        }
        return out;
    }
}
