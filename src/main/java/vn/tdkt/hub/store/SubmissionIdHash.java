package vn.tdkt.hub.store;

/**
 * The 64-bit hash of a {@code submissionId} that keys {@link SubmissionIds}' unique index: FNV-1a over the id's
 * UTF-16 code units, then MurmurHash3's 64-bit finaliser, so that ids differing in one character spread over the
 * whole range. Stored in the database: it must never change (a changed function would need a migration).
 */
public final class SubmissionIdHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private SubmissionIdHash() {
    }

    public static long of(String id) {
        long h = FNV_OFFSET;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= FNV_PRIME;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
