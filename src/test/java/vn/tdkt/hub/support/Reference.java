package vn.tdkt.hub.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import vn.tdkt.hub.closing.CommandOutcome;
import vn.tdkt.hub.closing.CommandService;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.domain.command.CommandValidator;
import vn.tdkt.hub.domain.submission.SubmissionValidator;
import vn.tdkt.hub.feeds.StandingsMessage;
import vn.tdkt.hub.intake.InboundRecord;
import vn.tdkt.hub.intake.IntakeService;
import vn.tdkt.hub.store.ClosingStore;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.IntakeStore;
import vn.tdkt.hub.store.OutboxStore;

/**
 * The undisturbed run that fault tests compare with: the same submissions through the intake, in batches, on a
 * fresh database, with nothing going wrong, then the close of 2023 ({@link #CLOSE}). Holds the final 2023 scores
 * and standings of the test registry (before the close), the awards decided and the letters numbered.
 */
public final class Reference {

    public static final List<String> BLOCKS = List.of("KT-TH", "DP");

    /** The close of 2023 that fault tests send to the hub (on {@code tdkt.commands}, keyed by period). */
    public static final String CLOSE = "{\"commandId\":\"close-2023\",\"type\":\"CLOSE_PERIOD\",\"period\":\"2023\"}";

    private final Map<String, String> scores;
    private final Map<String, StandingsMessage> standings = new LinkedHashMap<>();
    private final Map<String, String> awards;
    private final Map<String, String> letters;

    public Reference(List<String> submissions, Path dir) {
        try (Database db = TestDatabases.open(TestDatabases.Kind.H2, dir)) {
            var registry = TestRegistry.load();
            IntakeService intake = new IntakeService(db, new IntakeStore(db), new OutboxStore(db), () -> registry,
                    new SubmissionValidator(), Topics.DEFAULTS, Clock.systemUTC());
            for (int from = 0; from < submissions.size(); from += 200) {
                List<InboundRecord> batch = new ArrayList<>();
                submissions.subList(from, Math.min(submissions.size(), from + 200))
                        .forEach(s -> batch.add(Records.record(null, s)));
                intake.process(batch);
            }
            scores = Queries.scores(db, "2023");
            BLOCKS.forEach(b -> standings.put(b, Queries.standings(db, "2023", b)));

            CommandService commands = new CommandService(db, new IntakeStore(db), new ClosingStore(), new OutboxStore(db),
                    () -> registry, new CommandValidator(1 << 20), () -> { }, Topics.DEFAULTS, Clock.systemUTC());
            CommandOutcome closed = commands.handle(new InboundRecord(Topics.DEFAULTS.commands(),
                    0, 0, "2023", CLOSE.getBytes(StandardCharsets.UTF_8), Map.of()));
            if (closed.kind() != CommandOutcome.Kind.ACCEPTED) {
                throw new IllegalStateException("the reference close failed: " + closed.reasons());
            }
            awards = awards(db);
            letters = letters(db);
            if (letters.isEmpty()) {
                throw new IllegalStateException("the reference close has no letter to compare: other input needed");
            }
        }
    }

    public int letterCount() {
        return letters.size();
    }

    public int awardCount() {
        return awards.size();
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

    /**
     * Differences between the hub's close of 2023 and this reference's, one line each (empty: none): the same
     * awards (id, code, status, recipient), the same letters with the same numbers, every letter and the office's
     * summary recorded SENT, and in the mailboxes exactly one copy per recipient of each of those mails.
     */
    public List<String> closeDiscrepancies(Database hubDb, List<MimeMessage> received) {
        List<String> out = new ArrayList<>();
        Map<String, String> actualAwards = awards(hubDb);
        if (!actualAwards.equals(awards)) {
            out.add("awards " + actualAwards + " != " + awards);
        }
        Map<String, String> actualLetters = letters(hubDb);
        if (!actualLetters.equals(letters)) {
            out.add("letters " + actualLetters + " != " + letters);
        }
        long notSent = Queries.count(hubDb, "SELECT COUNT(*) FROM letter WHERE period = '2023' AND status <> 'SENT'")
                + Queries.count(hubDb, "SELECT COUNT(*) FROM close_summary WHERE period = '2023' AND status <> 'SENT'");
        if (notSent > 0) {
            out.add(notSent + " letters or summaries not SENT");
        }
        Map<String, Integer> copies = new HashMap<>();
        Map<String, Integer> recipients = new HashMap<>();
        for (MimeMessage m : received) {
            try {
                String id = m.getHeader("Message-ID")[0];
                copies.merge(id, 1, Integer::sum);
                int to = m.getRecipients(Message.RecipientType.TO).length;
                Object[] cc = m.getRecipients(Message.RecipientType.CC);
                recipients.put(id, to + (cc == null ? 0 : cc.length));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        List<String> expectedIds = Queries.column(hubDb, "SELECT message_id FROM letter WHERE period = '2023'");
        if (copies.size() != letters.size() + 1) {
            out.add(copies.size() + " distinct mails, expected " + letters.size() + " letters and the summary");
        }
        for (String id : expectedIds) {
            if (id == null || !copies.containsKey(id)) {
                out.add("letter " + id + " not in any mailbox");
            }
        }
        copies.forEach((id, n) -> {
            if (!n.equals(recipients.get(id))) {
                out.add("mail " + id + ": " + n + " copies for " + recipients.get(id) + " recipients");
            }
        });
        return out;
    }

    /** Award id -> "code status unit" of the 2023 awards. */
    private static Map<String, String> awards(Database db) {
        return rows(db, "SELECT award_id, award_code || ' ' || status || ' ' || COALESCE(unit_code, '-') FROM award "
                + "WHERE period = '2023'");
    }

    /** Award id -> "number letter-number" of the 2023 letters. */
    private static Map<String, String> letters(Database db) {
        return rows(db, "SELECT award_id, CAST(number_in_year AS VARCHAR(12)) || ' ' || letter_number FROM letter "
                + "WHERE period = '2023'");
    }

    private static Map<String, String> rows(Database db, String sql) {
        return db.inTransaction(c -> {
            Map<String, String> out = new TreeMap<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }
}
