package vn.tdkt.hub.letters;

import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.MessageIDTerm;

/** {@link DeliveryCheck} on the office's mailbox over IMAP (or IMAPS): searches its INBOX by Message-ID. */
public final class ImapDeliveryCheck implements DeliveryCheck {

    private final String protocol;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    public ImapDeliveryCheck(String protocol, String host, int port, String user, String password) {
        this.protocol = protocol;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    @Override
    public boolean delivered(String messageId) {
        Properties p = new Properties();
        p.put("mail." + protocol + ".connectiontimeout", "10000");
        p.put("mail." + protocol + ".timeout", "10000");
        try {
            Store store = Session.getInstance(p).getStore(protocol);
            store.connect(host, port, user, password);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                try {
                    return inbox.search(new MessageIDTerm(messageId)).length > 0;
                } finally {
                    inbox.close(false);
                }
            } finally {
                store.close();
            }
        } catch (MessagingException e) {
            // unknown: the caller keeps the letter in the uncertain state and asks again later
            throw new IllegalStateException("cannot read the office mailbox to check " + messageId, e);
        }
    }
}
