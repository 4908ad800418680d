package vn.tdkt.hub.closing;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.tdkt.hub.domain.VietnamTime;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.domain.award.Award;
import vn.tdkt.hub.domain.award.AwardDecider;
import vn.tdkt.hub.domain.award.AwardStatus;
import vn.tdkt.hub.domain.award.ClosingFacts;
import vn.tdkt.hub.domain.command.Command;
import vn.tdkt.hub.domain.command.CommandType;
import vn.tdkt.hub.domain.command.CommandValidator;
import vn.tdkt.hub.domain.command.CommandVerdict;
import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.PeriodDef;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.registry.Unit;
import vn.tdkt.hub.domain.scoring.BlockRanking;
import vn.tdkt.hub.domain.scoring.BlockScorer;
import vn.tdkt.hub.domain.scoring.BlockStandings;
import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.domain.submission.ReasonCode;
import vn.tdkt.hub.domain.submission.Rejection;
import vn.tdkt.hub.feeds.AwardEventMessage;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.feeds.StandingsMessage;
import vn.tdkt.hub.intake.BlockInputs;
import vn.tdkt.hub.intake.InboundRecord;
import vn.tdkt.hub.intake.OutboundMessage;
import vn.tdkt.hub.intake.OutboxBatch;
import vn.tdkt.hub.store.BlockState;
import vn.tdkt.hub.store.ClosingStore;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.IntakeStore;
import vn.tdkt.hub.store.OutboxStore;

/**
 * Stage 4: the office's commands (contracts.md "Command"), from {@code tdkt.commands} or over HTTP through the
 * same {@link #handle} path. CLOSE_PERIOD waits for the intake to catch up, then in ONE transaction (holding the
 * period lock, like the intake) freezes the period, publishes the final standings with {@code closed: true},
 * decides the awards from the frozen standings and the stored history (rulebook sections 4-5), numbers their
 * letters, and records the award events for publication. HOLD/RELEASE change the holds in force at closing.
 * Idempotent by {@code commandId}; closing a closed period again changes and publishes nothing.
 */
public final class CommandService {

    private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);
    private static final String LETTER_CODE = "/TB-HĐTĐKT";
    /**
     * The ordering number of an award's event ({@link OutboundMessage#seq}): an award is decided once, at its
     * period's close, so its one event is its current state; published again after a crash, it is dropped.
     */
    static final long AWARD_EVENT_SEQ = 1;

    private final Database db;
    private final IntakeStore intakeStore;
    private final ClosingStore store;
    private final OutboxStore outbox;
    private final Supplier<Registry> registry;
    private final CommandValidator validator;
    private final IntakeCatchUp catchUp;
    private final Topics topics;
    private final Clock clock;

    public CommandService(Database db, IntakeStore intakeStore, ClosingStore store, OutboxStore outbox,
                          Supplier<Registry> registry, CommandValidator validator, IntakeCatchUp catchUp,
                          Topics topics, Clock clock) {
        this.db = db;
        this.intakeStore = intakeStore;
        this.store = store;
        this.outbox = outbox;
        this.registry = registry;
        this.validator = validator;
        this.catchUp = catchUp;
        this.topics = topics;
        this.clock = clock;
    }

    /** The Kafka path: every command of the batch, in order; returns the outbox batches to publish. */
    public List<OutboxBatch> process(List<InboundRecord> records) {
        List<OutboxBatch> out = new ArrayList<>();
        for (InboundRecord r : records) {
            OutboxBatch published = handle(r).published();
            if (!published.isEmpty()) {
                out.add(published);
            }
        }
        return out;
    }

    /**
     * One command from any source. A bad command from Kafka is recorded as a rejection (published on the
     * rejected topic, once per source record); from HTTP ({@code record.topic()} not a Kafka topic) the caller
     * answers with the reasons.
     */
    public CommandOutcome handle(InboundRecord record) {
        Registry reg = registry.get();
        CommandVerdict verdict = validator.validate(record.value(), reg);
        if (verdict instanceof CommandVerdict.Invalid bad) {
            return reject(record, bad.commandId(), bad.unitCode(), bad.reasons());
        }
        Command cmd = ((CommandVerdict.Valid) verdict).command();
        if (db.inTransaction(c -> store.isCommandKnown(c, cmd.commandId()))) {
            return new CommandOutcome(CommandOutcome.Kind.DUPLICATE, List.of(), OutboxBatch.EMPTY);
        }
        if (cmd.type() == CommandType.CLOSE_PERIOD
                && !db.inTransaction(intakeStore::closedPeriods).contains(cmd.period())) {
            catchUp.await();
        }
        return db.inTransaction(c -> {
            intakeStore.lockPeriods(c, List.of(cmd.period()));
            if (!store.recordCommand(c, cmd.commandId(), cmd.type().name(), cmd.period(), record.source(),
                    clock.millis())) {
                return new CommandOutcome(CommandOutcome.Kind.DUPLICATE, List.of(), OutboxBatch.EMPTY);
            }
            boolean closed = intakeStore.closedPeriods(c).contains(cmd.period());
            return switch (cmd.type()) {
                case CLOSE_PERIOD -> closed ? accepted(OutboxBatch.EMPTY) : accepted(close(c, reg, cmd));
                case HOLD, RELEASE -> closed ? rejectInTx(c, record, cmd) : accepted(hold(c, cmd));
            };
        });
    }

    private static CommandOutcome accepted(OutboxBatch published) {
        return new CommandOutcome(CommandOutcome.Kind.ACCEPTED, List.of(), published);
    }

    private OutboxBatch hold(Connection c, Command cmd) throws SQLException {
        if (cmd.type() == CommandType.HOLD) {
            store.putHold(c, cmd.period(), cmd.unitCode(), cmd.staffCode(), cmd.reason(), cmd.commandId());
        } else {
            store.releaseHold(c, cmd.period(), cmd.unitCode(), cmd.staffCode());
        }
        return OutboxBatch.EMPTY;
    }

    // ---- closing -------------------------------------------------------------------------------------------

    private OutboxBatch close(Connection c, Registry reg, Command cmd) throws SQLException {
        String period = cmd.period();
        long nowMs = clock.millis();
        OffsetDateTime now = VietnamTime.now(clock);
        PeriodDef def = reg.period(period).orElseThrow();
        Map<String, BlockStandings> standings = new LinkedHashMap<>();
        for (Block b : def.blocks()) {
            standings.put(b.code(), BlockScorer.score(period, b, reg.rules(), BlockInputs.of(b,
                    intakeStore.loadResults(c, period, b.units()), intakeStore.loadMembers(c, period, b.units()))));
        }
        Map<String, Integer> ranks = BlockRanking.rank(standings.values());
        List<Award> awards = AwardDecider.decide(new ClosingFacts(period, reg, standings, ranks,
                store.ratings(c, previous(period, 1)), store.nominees(c, historyPeriods(reg, period)),
                store.holds(c, period)));
        store.markClosed(c, period, cmd.commandId(), nowMs);

        List<OutboundMessage> out = new ArrayList<>();
        Map<String, BlockState> states = intakeStore.loadBlockStates(c, period);
        Function<String, String> unitName = code -> reg.unit(code).map(Unit::name).orElse(code);
        for (Block b : def.blocks()) {
            BlockState old = states.get(b.code());
            long seq = old == null ? 1 : old.seq() + 1;
            StandingsMessage msg = StandingsMessage.of(standings.get(b.code()), b.name(), unitName, seq, true,
                    ranks.get(b.code()), now);
            String json = Json.write(msg);
            intakeStore.writeBlockState(c, new BlockState(period, b.code(), seq, msg.meanScore(), msg.blockRank(),
                    json), old != null, nowMs);
            out.add(OutboundMessage.state(topics.standings(), period + ":" + b.code(), json, seq));
        }
        int year = now.getYear();
        String issuedOn = now.toLocalDate().toString();
        for (int i = 0; i < awards.size(); i++) {
            Award a = awards.get(i);
            String json = Json.write(AwardEventMessage.of(a, now));
            if (!store.insertAward(c, a.awardId(), period, i, a.awardCode().name(), a.status().name(), a.unitCode(),
                    json, nowMs)) {
                continue;
            }
            out.add(OutboundMessage.state(topics.awards(), a.awardId(), json, AWARD_EVENT_SEQ));
            if (a.status() != AwardStatus.WITHHELD) {
                int number = store.nextLetterNumber(c, year);
                store.insertLetter(c, a.awardId(), period, year, number, number + LETTER_CODE, issuedOn, nowMs);
            }
        }
        store.insertCloseSummary(c, period, nowMs);
        LOG.info("Period {} closed by command {}: {} awards decided", period, cmd.commandId(), awards.size());
        return outbox.insert(c, out, nowMs);
    }

    /** The period {@code years} before, as a string (it may not be a period of the registry). */
    private static String previous(String period, int years) {
        return String.valueOf(Integer.parseInt(period) - years);
    }

    /** This period and the two before it, those that are periods of the registry. */
    private static Set<String> historyPeriods(Registry reg, String period) {
        Set<String> out = new java.util.TreeSet<>();
        for (int back = 0; back <= 2; back++) {
            String p = previous(period, back);
            if (reg.period(p).isPresent()) {
                out.add(p);
            }
        }
        return out;
    }

    // ---- rejections ----------------------------------------------------------------------------------------

    private CommandOutcome reject(InboundRecord record, String commandId, String unitCode, List<Reason> reasons) {
        if (!isKafka(record)) {
            return new CommandOutcome(CommandOutcome.Kind.REJECTED, reasons, OutboxBatch.EMPTY);
        }
        return db.inTransaction(c -> rejection(c, record, unitCode, reasons));
    }

    private CommandOutcome rejectInTx(Connection c, InboundRecord record, Command cmd) throws SQLException {
        List<Reason> reasons = List.of(new Reason(ReasonCode.PERIOD_CLOSED, "period",
                "Kỳ thi đua năm " + cmd.period() + " đã khóa sổ: không thể " + (cmd.type() == CommandType.HOLD
                        ? "tạm dừng xét khen thưởng" : "bỏ tạm dừng xét khen thưởng") + " nữa"));
        if (!isKafka(record)) {
            return new CommandOutcome(CommandOutcome.Kind.REJECTED, reasons, OutboxBatch.EMPTY);
        }
        return rejection(c, record, cmd.unitCode(), reasons);
    }

    private CommandOutcome rejection(Connection c, InboundRecord record, String unitCode, List<Reason> reasons)
            throws SQLException {
        long nowMs = clock.millis();
        Rejection rejection = Rejection.of(record.value(), null, unitCode, reasons,
                new Rejection.Source(record.topic(), record.partition(), record.offset()), clock.instant());
        String json = Json.write(rejection);
        OutboxBatch published = OutboxBatch.EMPTY;
        if (intakeStore.insertRejection(c, record.topic(), record.partition(), record.offset(), null, unitCode,
                reasons.stream().map(r -> r.code().name()).distinct().reduce((a, b) -> a + "," + b).orElse(""),
                nowMs, json)) {
            published = outbox.insert(c, List.of(new OutboundMessage(topics.rejected(), unitCode, json)), nowMs);
        }
        return new CommandOutcome(CommandOutcome.Kind.REJECTED, reasons, published);
    }

    private boolean isKafka(InboundRecord record) {
        return topics.commands().equals(record.topic());
    }
}
