package vn.tdkt.hub.letters;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * How the letters reach the SMTP server (camel-mail): an endpoint URI that holds no secret, and the mail component
 * that holds the credentials and the TLS settings, configured in code. The URI becomes a Camel property, which
 * Camel prints at start ("Property-placeholders summary"); the password never does.
 *
 * <p>TLS ({@code smtps}, or {@code smtp} with STARTTLS) always checks the server's identity: its certificate must
 * name the configured host ({@code mail.<protocol>.ssl.checkserveridentity}), so a server that merely holds some
 * trusted certificate is refused. The trust store is the JVM's, or {@code truststore} when given ({@code smtps}).
 */
public final class SmtpEndpoint {

    /** The settings of the SMTP server. */
    public record Settings(String protocol, String host, int port, int timeoutMs, String username, String password,
                           boolean starttls, String truststore, String truststorePassword) {
    }

    private SmtpEndpoint() {
    }

    /** The endpoint URI, without credentials: {@code smtp://host:port?connectionTimeout=...}. */
    public static String uri(Settings s) {
        return s.protocol() + "://" + s.host() + ":" + s.port() + "?connectionTimeout=" + s.timeoutMs();
    }

    /** The mail component to add to {@code camel} under the name {@link Settings#protocol()}. */
    public static MailComponent component(CamelContext camel, Settings s) {
        MailComponent mail = new MailComponent(camel);
        MailConfiguration c = new MailConfiguration(camel);
        mail.setConfiguration(c);
        if (s.username() != null && !s.username().isEmpty()) {
            c.setUsername(s.username());
            c.setPassword(s.password());
        }
        Properties extra = new Properties();
        extra.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        extra.setProperty("mail.smtps.ssl.checkserveridentity", "true");
        if (s.starttls()) {
            extra.setProperty("mail.smtp.starttls.enable", "true");
            extra.setProperty("mail.smtp.starttls.required", "true");
        }
        c.setAdditionalJavaMailProperties(extra);
        if (s.truststore() != null && !s.truststore().isEmpty()) {
            KeyStoreParameters store = new KeyStoreParameters();
            store.setResource("file:" + s.truststore());
            store.setPassword(s.truststorePassword());
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(store);
            SSLContextParameters tls = new SSLContextParameters();
            tls.setTrustManagers(trust);
            c.setSslContextParameters(tls);
        }
        return mail;
    }
}
