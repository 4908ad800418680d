package vn.tdkt.hub.letters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.LetterStore;
import vn.tdkt.hub.store.LetterStore.Claim;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestDatabases.Kind;

/**
 * The letters' claim leases, without a clock of the machine's: short leases that a live instance renews, that run
 * out when its instance dies, and claims of an instance's earlier run released at once after its restart. Each
 * taken-over claim is uncertain (checked against the office mailbox before a new attempt).
 */
class LetterLeaseTest {

    static final long LEASE = 20_000;
    static final long T0 = 1_000_000;

    @TempDir
    Path dir;

    final LetterStore store = new LetterStore();

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDeadOwnersClaimIsDueAgainOnceItsShortLeaseRunsOut(Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            insertLetter(db, "2022:A", 1);
            List<Claim> first = claim(db, "dead-host/run1", T0);
            assertThat(first).extracting(Claim::id).containsExactly("2022:A");
            assertThat(first.get(0).uncertain()).isFalse();

            assertThat(claim(db, "live-host/run1", T0 + LEASE - 1)).isEmpty();
            List<Claim> taken = claim(db, "live-host/run1", T0 + LEASE + 1);
            assertThat(taken).extracting(Claim::id).containsExactly("2022:A");
            // interrupted: the next attempt first asks the office mailbox
            assertThat(taken.get(0).uncertain()).isTrue();
            assertThat(taken.get(0).attempts()).isEqualTo(2);
            // the dead owner (were it only paused) can neither send nor record it any more
            assertThat(db.<Boolean>inTransaction(c -> store.holdClaim(c, first.get(0), "dead-host/run1", T0 + 2 * LEASE)))
                    .isFalse();
            assertThat(db.<Boolean>inTransaction(c -> store.finish(c, first.get(0), "dead-host/run1", "SENT", "<m>", null,
                    null, 0, T0 + LEASE + 2))).isFalse();
            assertThat(db.<Boolean>inTransaction(c -> store.holdClaim(c, taken.get(0), "live-host/run1", T0 + 2 * LEASE)))
                    .isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aLiveOwnersRenewedLeaseIsNotTakenOver(Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            insertLetter(db, "2022:A", 1);
            insertLetter(db, "2022:B", 2);
            assertThat(claim(db, "a/1", T0)).hasSize(2);
            // the heartbeat, every quarter of the lease: each renewal moves the end of the lease on
            for (long t = T0 + LEASE / 4; t <= T0 + 3 * LEASE; t += LEASE / 4) {
                long now = t;
                assertThat(db.<Integer>inTransaction(c -> store.renewLeases(c, "a/1", now + LEASE))).isEqualTo(2);
                assertThat(claim(db, "b/1", now)).isEmpty();
            }
            // the heartbeat stops (the instance died) at T0 + 3 leases: taken over one lease later
            assertThat(claim(db, "b/1", T0 + 4 * LEASE - 1)).isEmpty();
            assertThat(claim(db, "b/1", T0 + 4 * LEASE + 1)).extracting(Claim::id).containsExactly("2022:A", "2022:B");
            // a renewal by the old owner changes nothing any more
            assertThat(db.<Integer>inTransaction(c -> store.renewLeases(c, "a/1", T0 + 10 * LEASE))).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRestartedInstanceTakesItsEarlierRunsClaimsAtOnceAndNoOneElses(Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            insertLetter(db, "2022:A", 1);
            insertLetter(db, "2022:B", 2);
            insertLetter(db, "2022:C", 3);
            assertThat(claim(db, "hub_1/run-old", T0, 1)).extracting(Claim::id).containsExactly("2022:A");
            assertThat(claim(db, "hubx1/run-x", T0, 1)).extracting(Claim::id).containsExactly("2022:B");
            assertThat(claim(db, "hub_1/run-new", T0 + 1, 1)).extracting(Claim::id).containsExactly("2022:C");

            // hub_1 restarted as run-new, a second after its earlier run's claim: only that claim is released
            // ('_' is no wildcard: hubx1's live claim stays, as does this run's own)
            assertThat(db.<Integer>inTransaction(c -> store.releaseEarlierRuns(c, "hub_1/", "hub_1/run-new"))).isEqualTo(1);
            List<Claim> again = claim(db, "hub_1/run-new", T0 + 1000);
            assertThat(again).extracting(Claim::id).containsExactly("2022:A");
            assertThat(again.get(0).uncertain()).isTrue();
            assertThat(db.<Integer>inTransaction(c -> store.releaseEarlierRuns(c, "hub_1/", "hub_1/run-new"))).isZero();
        }
    }

    @Test
    void theLoopsHeartbeatRenewsOnlyWhileTheLoopShowsProgress() {
        try (Database db = TestDatabases.open(Kind.H2, dir)) {
            insertLetter(db, "2022:A", 1);
            AtomicLong now = new AtomicLong(T0);
            Clock clock = new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return Instant.ofEpochMilli(now.get());
                }
            };
            LetterService service = new LetterService(db, store, null, null, null, new byte[16], "example", null,
                    null, null, clock, new LetterService.Policy(8, 200, 1000, LEASE, 50, 60_000), "h/r1", "h/",
                    status -> { });
            assertThat(claim(db, service.owner(), T0)).hasSize(1);
            now.set(T0 + 50_000);
            assertThat(service.loopAlive(now.get())).isTrue();
            assertThat(service.renewLeases()).isEqualTo(1);
            assertThat(claim(db, "other/r", T0 + 50_000 + LEASE - 1)).isEmpty();
            // no progress for longer than the stall limit: the leases are left to run out
            now.set(T0 + 60_001);
            assertThat(service.loopAlive(now.get())).isFalse();
            assertThat(service.renewLeases()).isZero();
            assertThat(claim(db, "other/r", T0 + 50_000 + LEASE + 1)).hasSize(1);
        }
    }

    @Test
    void theIdentityIsStableAcrossRestartsAndNeverSharedByTwoLiveHubs() {
        String first;
        try (InstanceIdentity a = InstanceIdentity.resolve("", dir)) {
            first = a.identity();
            assertThat(a.owner()).startsWith(first + "/").hasSizeLessThanOrEqualTo(64);
            try (InstanceIdentity b = InstanceIdentity.resolve(null, dir)) {
                assertThat(b.identity()).isNotEqualTo(first);
            }
        }
        try (InstanceIdentity restarted = InstanceIdentity.resolve("", dir)) {
            assertThat(restarted.identity()).isEqualTo(first);
        }
        try (InstanceIdentity configured = InstanceIdentity.resolve(" hub 1/ä" + "x".repeat(80), dir)) {
            assertThat(configured.identity()).startsWith("hub-1--").hasSize(InstanceIdentity.MAX_IDENTITY);
            assertThat(configured.claimPrefix()).endsWith("/");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    List<Claim> claim(Database db, String owner, long now) {
        return claim(db, owner, now, 50);
    }

    List<Claim> claim(Database db, String owner, long now, int limit) {
        return db.inTransaction(c -> store.claimDue(c, owner, now, now + LEASE, limit));
    }

    static void insertLetter(Database db, String awardId, int number) {
        db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO letter (award_id, period, issue_year, "
                    + "number_in_year, letter_number, issued_on, status, attempts, next_attempt_at, updated_at) "
                    + "VALUES (?, '2022', 2023, ?, ?, '2023-01-15', 'PENDING', 0, 0, 0)")) {
                st.setString(1, awardId);
                st.setInt(2, number);
                st.setString(3, number + "/TB-HĐTĐKT");
                return st.executeUpdate();
            }
        });
    }
}
