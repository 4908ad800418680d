package vn.tdkt.hub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.support.Http;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.HubProcess;
import vn.tdkt.hub.support.Records;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestKafka;

/**
 * Issue 18's first attack, repeated against the real hub in its own JVM with the production heap ({@code -Xmx512m}):
 * 2,000 connections to {@code /api/events} that never read (half without credentials, half with the office's token),
 * then 40 junk records of about 1 MB on {@code tdkt.results}. The hub refuses the anonymous streams (401) and the
 * streams beyond its limit (503), disconnects the ones that do not read, and keeps working: a valid submission
 * published afterwards is scored, its health answers truthfully (UP, with the database and Kafka reachable), no
 * OutOfMemoryError is logged, and it stops on SIGTERM.
 */
class LiveStreamAttackTest {

    static final int CONNECTIONS = 2_000;
    static final int JUNK_RECORDS = 40;

    @TempDir
    Path dir;

    @Test
    void idleStreamsAndJunkRecordsDoNotTakeTheHubDown() throws Exception {
        HubHarness harness = new HubHarness(dir, TestDatabases.Kind.H2).createTopics();
        Topics topics = harness.topics();
        HubProcess hub = HubProcess.start(harness.settings(), dir.resolve("hub.log"));
        List<Socket> sockets = new ArrayList<>();
        try {
            String base = hub.awaitReady(Duration.ofSeconds(120));
            Http office = new Http(base, HubHarness.OFFICE_TOKEN);
            URI uri = URI.create(base);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            for (int i = 0; i < CONNECTIONS && System.nanoTime() < deadline; i++) {
                Socket s = new Socket();
                s.setReceiveBufferSize(4096); // a client that never reads, with a small window
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
                String auth = i % 2 == 0 ? "" : "Authorization: Bearer " + HubHarness.OFFICE_TOKEN + "\r\n";
                OutputStream out = s.getOutputStream();
                out.write(("GET /api/events HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n" + auth + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                sockets.add(s);
            }
            assertThat(sockets).hasSize(CONNECTIONS);
            // one more stream with credentials, which reads its answer: the limit is reached
            assertThat(statusOf(uri, "Authorization: Bearer " + HubHarness.OFFICE_TOKEN + "\r\n")).isEqualTo(503);
            assertThat(statusOf(uri, "")).isEqualTo(401);

            byte[] junk = new byte[1_000_000];
            Arrays.fill(junk, (byte) 'x');
            for (int i = 0; i < JUNK_RECORDS; i += 10) {
                List<Map.Entry<String, byte[]>> batch = new ArrayList<>();
                for (int j = 0; j < 10; j++) {
                    junk[0] = (byte) ('a' + j);
                    batch.add(Map.entry("SO-KHDT", junk.clone()));
                }
                TestKafka.publish(topics.results(), batch);
            }
            TestKafka.publish(topics.results(), List.of(Map.entry("SO-KHDT", Records.submission("attack-ok-1",
                    "SO-KHDT", "2023", "2024-01-10T09:00:00+07:00", List.of(Records.target("KT1", "6", "5.3")))
                    .getBytes(StandardCharsets.UTF_8))));

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                    office.get("/api/periods/2023/units/SO-KHDT").statusCode() == 200);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    Http.json(office.get("/api/rejections?limit=500")).size() == JUNK_RECORDS);
            var ready = office.get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(Http.json(ready).get("database").asText()).isEqualTo("UP");
            assertThat(Http.json(ready).get("kafka").asText()).isEqualTo("UP");
            assertThat(new Http(base).get("/health/live").statusCode()).isEqualTo(200);
            assertThat(hub.isAlive()).isTrue();
            assertThat(hub.logText()).doesNotContain("OutOfMemoryError");
        } finally {
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            hub.stop();
        }
        assertThat(hub.isAlive()).as("stopped on SIGTERM").isFalse();
        assertThat(hub.logText()).doesNotContain("OutOfMemoryError");
    }

    /** The status code of a {@code GET /api/events} that reads its answer's first line. */
    static int statusOf(URI uri, String authLine) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n" + authLine
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n' && line.length() < 200; c = in.read()) {
                line.append((char) c);
            }
            String[] parts = line.toString().split(" ");
            return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        }
    }
}
