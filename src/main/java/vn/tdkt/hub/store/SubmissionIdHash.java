package vn.tdkt.hub.store;

/**
 * The 64-bit hash of a submission's identity, its {@code unitCode} and {@code submissionId} together
 * (contracts.md), that keys {@link SubmissionIds}' unique index: FNV-1a over the unit code's UTF-16 code units, a
 * separator no code unit can equal, and the id's code units, then MurmurHash3's 64-bit finaliser, so that
 * identities differing in one character spread over the whole range. Stored in the database: it must never
 * change (a changed function needs a migration, as {@code V30__submission_identity_per_unit} was for the hash of
 * the id alone).
 */
public final class SubmissionIdHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** Between the unit code and the id: above every UTF-16 code unit, so ("A", "BC") and ("AB", "C") differ. */
    private static final long SEPARATOR = 0x10000L;

    private SubmissionIdHash() {
    }

    /** The hash of the identity ({@code unitCode}, {@code submissionId}). */
    public static long of(String unitCode, String submissionId) {
        long h = FNV_OFFSET;
        for (int i = 0; i < unitCode.length(); i++) {
            h ^= unitCode.charAt(i);
            h *= FNV_PRIME;
        }
        h ^= SEPARATOR;
        h *= FNV_PRIME;
        for (int i = 0; i < submissionId.length(); i++) {
            h ^= submissionId.charAt(i);
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
