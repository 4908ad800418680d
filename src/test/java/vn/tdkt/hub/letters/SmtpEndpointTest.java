package vn.tdkt.hub.letters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import vn.tdkt.hub.http.Credentials;

/**
 * The letters' SMTP endpoint over TLS against GreenMail's SMTPS with a certificate of its own, trusted by the
 * hub and naming {@code localhost} only: reached as {@code localhost} the letter is delivered; reached as
 * {@code 127.0.0.1} (a trusted certificate, but not for that name) it is refused before anything is sent. The
 * credentials are the component's, never in the endpoint URI.
 */
class SmtpEndpointTest {

    @TempDir
    static Path dir;
    static String truststore;
    static String storePassword;
    GreenMail mail;
    String smtpPassword;

    /** Once per class: GreenMail's TLS server keeps the first key store it loads. */
    @BeforeAll
    static void certificates() throws Exception {
        storePassword = Credentials.newToken();
        Path server = dir.resolve("server.p12");
        Path cert = dir.resolve("server.pem");
        Path trust = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "greenmail", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-storetype", "PKCS12",
                "-keystore", server.toString(), "-storepass", storePassword, "-keypass", storePassword);
        keytool("-exportcert", "-rfc", "-alias", "greenmail", "-keystore", server.toString(),
                "-storepass", storePassword, "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "smtp", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trust.toString(), "-storepass", storePassword);
        truststore = trust.toString();
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, server.toString());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, storePassword);
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY, storePassword);
    }

    @BeforeEach
    void startSmtps() {
        smtpPassword = Credentials.newToken();
        // a generous start-up time: the TLS server socket is slow to come up on a busy 2-core machine
        ServerSetup smtps = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS);
        smtps.setServerStartupTimeout(30_000);
        mail = new GreenMail(smtps);
        mail.start();
        mail.setUser("hub@hanam.example", "hub", smtpPassword);
    }

    @AfterEach
    void stop() {
        mail.stop();
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("keytool: " + out).isZero();
    }

    private void send(String host, String password) throws Exception {
        SmtpEndpoint.Settings s = new SmtpEndpoint.Settings("smtps", host, mail.getSmtps().getPort(), 5_000, "hub",
                password, false, truststore, storePassword);
        String uri = SmtpEndpoint.uri(s);
        assertThat(uri).doesNotContain(password).doesNotContain("hub");
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("smtps", SmtpEndpoint.component(camel, s));
            camel.start();
            ProducerTemplate producer = camel.createProducerTemplate();
            producer.sendBody(uri + "&from=tdkt@hanam.example&to=so-tc@hanam.example&subject=Thu", "Nội dung");
        }
    }

    @Test
    void aServerWhoseCertificateNamesTheHostGetsTheLetter() throws Exception {
        send("localhost", smtpPassword);
        assertThat(mail.getReceivedMessages()).hasSize(1);
        assertThat(mail.getReceivedMessages()[0].getSubject()).isEqualTo("Thu");
    }

    @Test
    void aTrustedCertificateForAnotherNameIsRefused() {
        assertThatThrownBy(() -> send("127.0.0.1", smtpPassword))
                .satisfies(e -> assertThat(causes(e)).contains("Could not connect to SMTP host: 127.0.0.1, port: "
                        + mail.getSmtps().getPort()).anyMatch(m -> m.contains(
                        "No subject alternative names matching IP address 127.0.0.1")));
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThatThrownBy(() -> send("localhost", smtpPassword + "x"))
                .satisfies(e -> assertThat(causes(e)).anyMatch(m -> m.contains("535") || m.toLowerCase()
                        .contains("authentication")));
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    private static List<String> causes(Throwable e) {
        List<String> out = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.add(String.valueOf(t.getMessage()));
        }
        return out;
    }
}
