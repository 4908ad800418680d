package vn.tdkt.hub.embedded;

import java.util.List;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapServer;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, in-process mail server for the hub's embedded mode (and for tests): GreenMail SMTP and
 * IMAP, plaintext, bound to 127.0.0.1 only. The hub sends its letters (contracts "E-mail") to the
 * SMTP port; people and tests read them over IMAP.
 *
 * <p>Choices made here (the specification is silent on embedded mode):
 * <ul>
 *   <li>SMTP needs no authentication: GreenMail's SMTP server never demands AUTH and accepts mail
 *       for any recipient. A recipient without a mailbox gets one created on delivery, with its
 *       address as login and password.</li>
 *   <li>IMAP checks the password of mailboxes created with {@link #createUser}.</li>
 *   <li>Users and received messages live in memory for the life of this object; {@link #stop()}
 *       and {@link #start()} keep them and bind the same ports again (a port given as 0 is
 *       picked once, at the first start, and then kept).</li>
 * </ul>
 */
public final class EmbeddedMail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMail.class);
    private static final String HOST = "127.0.0.1";

    private final Managers managers = new Managers();
    private ServerSetup smtpSetup;
    private ServerSetup imapSetup;
    private SmtpServer smtp;
    private ImapServer imap;

    private EmbeddedMail(int smtpPort, int imapPort) {
        // GreenMail's default start-up wait (2 s) is too short on a busy 2-core machine
        this.smtpSetup = new ServerSetup(smtpPort, HOST, ServerSetup.PROTOCOL_SMTP);
        this.imapSetup = new ServerSetup(imapPort, HOST, ServerSetup.PROTOCOL_IMAP);
        smtpSetup.setServerStartupTimeout(30_000);
        imapSetup.setServerStartupTimeout(30_000);
    }

    /**
     * Starts SMTP and IMAP on 127.0.0.1.
     *
     * @param smtpPort SMTP port, or 0 for a free port
     * @param imapPort IMAP port, or 0 for a free port
     */
    public static EmbeddedMail start(int smtpPort, int imapPort) {
        EmbeddedMail mail = new EmbeddedMail(smtpPort, imapPort);
        mail.start();
        return mail;
    }

    /** Starts both servers again on their ports, keeping users and messages; no-op if running. */
    public synchronized void start() {
        if (smtp != null) {
            return;
        }
        SmtpServer startedSmtp = launch(new SmtpServer(smtpSetup, managers));
        try {
            imap = launch(new ImapServer(imapSetup, managers));
        } catch (RuntimeException e) {
            startedSmtp.stopService();
            throw e;
        }
        smtp = startedSmtp;
        smtpSetup = smtp.getServerSetup();
        imapSetup = imap.getServerSetup();
        LOG.info("Embedded mail ready: SMTP {}:{}, IMAP {}:{}", HOST, smtpPort(), HOST, imapPort());
    }

    /** Stops both servers (connections are closed, mail sent meanwhile is refused); no-op if stopped. */
    public synchronized void stop() {
        if (smtp == null) {
            return;
        }
        smtp.stopService();
        imap.stopService();
        smtp = null;
        imap = null;
        LOG.info("Embedded mail on SMTP {}:{} stopped", HOST, smtpPort());
    }

    public synchronized boolean isRunning() {
        return smtp != null;
    }

    public String host() {
        return HOST;
    }

    public synchronized int smtpPort() {
        return smtpSetup.getPort();
    }

    public synchronized int imapPort() {
        return imapSetup.getPort();
    }

    /**
     * Creates a mailbox that receives mail for {@code email} and can be read over IMAP with
     * {@code login} and {@code password}. An existing login gets the new password.
     */
    public void createUser(String email, String login, String password) {
        try {
            if (managers.getUserManager().getUser(login) == null) {
                managers.getUserManager().createUser(email, login, password);
            } else {
                managers.getUserManager().getUser(login).setPassword(password);
            }
        } catch (UserException e) {
            throw new IllegalStateException("Cannot create mailbox " + login, e);
        }
    }

    /** Every message received so far, mailbox by mailbox (in order of arrival within a mailbox). */
    public List<MimeMessage> receivedMessages() {
        return managers.getImapHostManager().getAllMessages().stream()
                .map(StoredMessage::getMimeMessage)
                .toList();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private static <S extends AbstractServer> S launch(S server) {
        server.startService();
        try {
            if (!server.waitTillRunning(server.getServerSetup().getServerStartupTimeout())) {
                server.stopService();
                throw new IllegalStateException("Mail server " + server + " did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting mail server " + server, e);
        }
        return server;
    }
}
