package vn.tdkt.hub.letters;

/**
 * Tells whether a mail with a given Message-ID has already reached the emulation office's mailbox. Every letter
 * is copied (or addressed) to the office, so after a send interrupted between the SMTP server's acceptance and
 * its record, this decides between "already delivered" and "send again": exactly one mail per award.
 */
@FunctionalInterface
public interface DeliveryCheck {

    /** Without a readable office mailbox an interrupted send is repeated (at least once, same Message-ID). */
    DeliveryCheck NONE = messageId -> false;

    boolean delivered(String messageId);
}
