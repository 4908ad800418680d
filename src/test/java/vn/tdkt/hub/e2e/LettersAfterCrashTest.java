package vn.tdkt.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tdkt.hub.embedded.EmbeddedMail;
import vn.tdkt.hub.http.Credentials;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.HubProcess;
import vn.tdkt.hub.support.Queries;
import vn.tdkt.hub.support.TestDatabases;

/**
 * Letters claimed by a hub killed with SIGKILL while sending, with the default lease (tdkt.letters.lease-ms, 20 s):
 * restarted on its data folder, the hub recognises the claims of its earlier run (same instance identity) and
 * sends them at once; with two instances running, the other one takes them over once their lease, no longer
 * renewed, runs out. Either way every letter is SENT, each mail once per recipient (Message-ID, checked against
 * the office mailbox over IMAP). The times are printed, not asserted (a busy machine); the mechanism is asserted:
 * the claims at the kill were the killed run's, and which instance took them over.
 */
class LettersAfterCrashTest {

    /** 6 letters to a unit (to + cc the office), 1 proposal to the office, the office's summary of the close. */
    static final int MAILS = 6 * 2 + 1 + 1;
    static final int LETTERS = 7;

    @TempDir
    Path dir;

    @Test
    void aRestartedHubSendsTheLettersItHadClaimedAtOnce() throws Exception {
        EmbeddedMail mail = EmbeddedMail.start(0, 0);
        try {
            HubHarness harness = harness(mail);
            String url = harness.config().get("tdkt.db.url");
            try (Database db = Database.open(url, harness.config().get("tdkt.db.user"), "", 2)) {
                HubProcess first = HubProcess.start(harness.settings(), dir.resolve("hub-1.log"));
                Kill kill;
                try {
                    first.awaitReady(Duration.ofSeconds(120));
                    new LettersFlowTest().publishAndClose(harness.topics());
                    kill = killAfterFirstLetter(first, db);
                } finally {
                    first.kill();
                }
                String identity = Files.readString(dir.resolve("instance-id")).trim();
                assertThat(kill.claimedBy()).isNotEmpty().allSatisfy(owner -> assertThat(owner).startsWith(identity + "/"));

                long restarted = System.nanoTime();
                HubProcess again = HubProcess.start(harness.settings(), dir.resolve("hub-2.log"));
                try {
                    again.awaitReady(Duration.ofSeconds(120));
                    double ready = (System.nanoTime() - restarted) / 1e9;
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() ->
                            Queries.count(db, "SELECT COUNT(*) FROM letter WHERE status = 'SENT'") == LETTERS
                                    && Queries.count(db, "SELECT COUNT(*) FROM close_summary WHERE status = 'SENT'") == 1);
                    double seconds = (System.nanoTime() - restarted) / 1e9;
                    System.out.printf("LettersAfterCrashTest: SIGKILL with %d of %d letters sent and %d claimed; "
                            + "restarted hub ready %.1f s and every letter SENT %.1f s after the restart (lease %s ms)%n",
                            kill.sent(), LETTERS, kill.claimedBy().size(), ready, seconds,
                            harness.config().get("tdkt.letters.lease-ms"));
                    // the restarted run recognised its earlier run's claims (not waiting for their lease)
                    assertThat(again.logText()).contains("claimed before this instance's restart are due again");
                    assertExactlyOnce(mail);
                } finally {
                    again.kill();
                }
            }
        } finally {
            mail.close();
        }
    }

    @Test
    void anotherRunningInstanceTakesOverTheLettersOfAKilledOneOnceTheirLeaseRunsOut() throws Exception {
        EmbeddedMail mail = EmbeddedMail.start(0, 0);
        try {
            HubHarness harness = harness(mail);
            String url = harness.config().get("tdkt.db.url");
            try (Database db = Database.open(url, harness.config().get("tdkt.db.user"), "", 2)) {
                Map<String, HubProcess> hubs = new HashMap<>();
                try {
                    for (String id : List.of("hub-a", "hub-b")) {
                        Map<String, String> settings = new HashMap<>(harness.settings());
                        settings.put("tdkt.instance.id", id);
                        hubs.put(id, HubProcess.start(settings, dir.resolve(id + ".log")));
                    }
                    for (HubProcess hub : hubs.values()) {
                        hub.awaitReady(Duration.ofSeconds(120));
                    }
                    new LettersFlowTest().publishAndClose(harness.topics());
                    // the instance whose claims are still being sent once the first letter is out is killed
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() ->
                            Queries.count(db, "SELECT COUNT(*) FROM letter WHERE status = 'SENT'") >= 1);
                    List<String> owners = claims(db);
                    assertThat(owners).isNotEmpty();
                    String victim = owners.get(0).substring(0, owners.get(0).indexOf('/'));
                    hubs.get(victim).kill();
                    long died = System.nanoTime();
                    Kill kill = new Kill(Queries.count(db, "SELECT COUNT(*) FROM letter WHERE status = 'SENT'"),
                            claims(db).stream().filter(owner -> owner.startsWith(victim + "/")).toList());
                    assertThat(kill.claimedBy()).isNotEmpty();
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() ->
                            Queries.count(db, "SELECT COUNT(*) FROM letter WHERE status = 'SENT'") == LETTERS
                                    && Queries.count(db, "SELECT COUNT(*) FROM close_summary WHERE status = 'SENT'") == 1);
                    double seconds = (System.nanoTime() - died) / 1e9;
                    System.out.printf("LettersAfterCrashTest: SIGKILL of %s with %d of %d letters sent and %d claimed "
                            + "by it; every letter SENT by the other running instance %.1f s after the kill "
                            + "(lease %s ms)%n", victim, kill.sent(), LETTERS, kill.claimedBy().size(), seconds,
                            harness.config().get("tdkt.letters.lease-ms"));
                    // the victim's claims (not renewed any more) were taken over by the other instance
                    assertThat(Queries.count(db, "SELECT COUNT(*) FROM letter WHERE status = 'SENDING'")).isZero();
                    assertExactlyOnce(mail);
                } finally {
                    hubs.values().forEach(HubProcess::kill);
                }
            }
        } finally {
            mail.close();
        }
    }

    static List<String> claims(Database db) {
        return Queries.column(db, "SELECT claimed_by FROM letter WHERE status = 'SENDING' UNION ALL "
                + "SELECT claimed_by FROM close_summary WHERE status = 'SENDING'");
    }

    /** What the kill left: letters SENT, and the owners of the claims still SENDING. */
    record Kill(long sent, List<String> claimedBy) {
    }

    /** SIGKILL as soon as the first letter is recorded SENT, the others still claimed. */
    static Kill killAfterFirstLetter(HubProcess hub, Database db) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() ->
                Queries.count(db, "SELECT COUNT(*) FROM letter WHERE status = 'SENT'") >= 1);
        hub.kill();
        return new Kill(Queries.count(db, "SELECT COUNT(*) FROM letter WHERE status = 'SENT'"), claims(db));
    }

    HubHarness harness(EmbeddedMail mail) {
        String password = Credentials.newToken();
        mail.createUser(LettersFlowTest.OFFICE, LettersFlowTest.OFFICE, password);
        return new HubHarness(dir, TestDatabases.Kind.POSTGRES)
                .set("tdkt.smtp.host", "127.0.0.1").set("tdkt.smtp.port", "" + mail.smtpPort())
                .set("tdkt.imap.host", "127.0.0.1").set("tdkt.imap.port", "" + mail.imapPort())
                .set("tdkt.imap.protocol", "imap").set("tdkt.imap.user", LettersFlowTest.OFFICE)
                .set("tdkt.imap.password", password)
                .set("tdkt.letters.verification-secret", Credentials.newToken())
                .createTopics();
    }

    static void assertExactlyOnce(EmbeddedMail mail) {
        Map<String, Integer> copies = LettersFlowTest.copiesPerMessageId(mail);
        assertThat(copies).hasSize(LETTERS + 1).allSatisfy((id, n) -> assertThat(n).as(id).isLessThanOrEqualTo(2));
        assertThat(mail.receivedMessages()).hasSize(MAILS);
    }
}
