package vn.tdkt.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tdkt.hub.config.HubConfig;
import vn.tdkt.hub.demo.DemoData;
import vn.tdkt.hub.feeds.AwardEventMessage;
import vn.tdkt.hub.store.FeedQueries;

/**
 * The README's first command in a test: embedded mode with nothing configured (its own KRaft broker, mail server
 * and H2 file, the demo registry), the demo published and the three periods closed. The 2023 close must have the
 * shape of Hà Nam's real 2023 outcome, computed by the rules from the demo data.
 */
class EmbeddedDemoTest {

    @TempDir
    Path dir;

    @Test
    void theDemoClosesThreeYearsAndReproducesTheShapeOf2023() throws Exception {
        HubConfig config = HubConfig.load(Map.of(), new Properties(), Map.of(
                "tdkt.embedded.dir", dir.toString(),
                "tdkt.embedded.kafka-port", "0",
                "tdkt.embedded.smtp-port", "0",
                "tdkt.embedded.imap-port", "0"));
        try (Hub hub = Hub.start(config)) {
            assertThat(hub.bootstrapServers()).startsWith("127.0.0.1:");
            // no keystore configured: the council's signing key is made in the data folder, owner-only, and said so
            assertThat(Banner.render(hub)).contains("  Certificates: signed by HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG with a "
                    + "key made now in " + dir.toAbsolutePath().resolve("signing.p12"));
            for (String file : new String[] {"signing.p12", "signing.p12.password"}) {
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        java.nio.file.Files.getPosixFilePermissions(dir.resolve(file)))).isEqualTo("rw-------");
            }
            Demo.run(hub);
            FeedQueries feeds = new FeedQueries(hub.database());
            Map<String, Integer> counts = new TreeMap<>();
            for (AwardEventMessage a : feeds.awards("2023")) {
                counts.merge(a.awardCode() + "/" + a.status(), 1, Integer::sum);
            }
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "CO_THI_DUA_TINH/GRANTED", 8,
                    "BANG_KHEN_TAP_THE/GRANTED", 17,
                    "BANG_KHEN_CA_NHAN/GRANTED", 33,
                    "CHIEN_SI_THI_DUA_TINH/GRANTED", 22,
                    "GIAI_KHOI_NHAT/GRANTED", 1,
                    "GIAI_KHOI_NHI/GRANTED", 1,
                    "GIAI_KHOI_BA/GRANTED", 1,
                    "CO_THI_DUA_CHINH_PHU/PROPOSED", 1));
            assertThat(feeds.isClosed("2021")).isTrue();
            assertThat(feeds.isClosed("2022")).isTrue();
            assertThat(feeds.standings("2023")).hasSize(8).allMatch(s -> s.closed());
            // 2024 is left open, the year under way: two units of three have reported, none is complete yet
            assertThat(feeds.isClosed("2024")).isFalse();
            var open = feeds.standings("2024");
            assertThat(open).hasSize(8).noneMatch(s -> s.closed());
            long reported = vn.tdkt.hub.support.Queries.scores(hub.database(), "2024").size();
            long units = open.stream().mapToLong(s -> s.units().size()).sum();
            assertThat(reported).isEqualTo(DemoData.openYear(hub.registry().current()).size())
                    .isGreaterThan(units / 2).isLessThan(units);
            assertThat(open.stream().flatMap(s -> s.units().stream())).noneMatch(u -> u.complete());
            // the letters are visible: every letter of the three closes sent, as .eml files and over IMAP
            var letters = feeds.letters(null);
            assertThat(letters).isNotEmpty().allMatch(l -> "SENT".equals(l.get("status")));
            try (var files = java.nio.file.Files.list(dir.resolve("letters"))) {
                assertThat(files.filter(f -> f.toString().endsWith(".eml")).count())
                        .isEqualTo(letters.size() + 3); // + the office's summary of each close
            }
            var store = jakarta.mail.Session.getInstance(new java.util.Properties()).getStore("imap");
            store.connect("127.0.0.1", hub.embeddedMail().imapPort(), "tdkt@hanam.example", "tdkt@hanam.example");
            try {
                var inbox = store.getFolder("INBOX");
                inbox.open(jakarta.mail.Folder.READ_ONLY);
                assertThat(inbox.getMessageCount()).as("the office has a copy of every letter and summary")
                        .isEqualTo(letters.size() + 3);
                inbox.close(false);
            } finally {
                store.close();
            }
        }
    }
}
