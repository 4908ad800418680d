package vn.tdkt.hub.intake;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.domain.submission.ReasonCode;

/**
 * Optional per-organisation signatures on {@code tdkt.results}, for deployments where departments share the
 * topic: record header {@code tdkt-org} names the organisation, header {@code tdkt-signature} carries the
 * lowercase hex HMAC-SHA256 of the record's value with that organisation's key. When signatures are required, a
 * missing, unknown or forged signature, or a unit the organisation may not report for, is {@code UNAUTHORIZED}.
 * Keys and units come from the same credentials source as HTTP ({@code org.<name>.signing-key},
 * {@code org.<name>.units}); keys are secrets and never come from the repository.
 *
 * <p>The hub's own HTTP intake is a trusted intake: it authenticates the department (its bearer token), checks
 * that it may report for the unit, and publishes the record with {@code tdkt-org: }{@value #HUB_INTAKE},
 * {@code tdkt-attested-org} naming the department, and a signature with the intake's key
 * ({@code tdkt.intake.signing-key}) over both the department's name and the value ({@link #signAttested}). The
 * organisation name {@value #HUB_INTAKE} is reserved for it.
 */
public final class SignatureCheck {

    public static final String ORG_HEADER = "tdkt-org";
    public static final String SIGNATURE_HEADER = "tdkt-signature";
    /** The organisation the hub's HTTP intake authenticated, attested by its signature. */
    public static final String ATTESTED_ORG_HEADER = "tdkt-attested-org";
    /** The organisation name of the hub's HTTP intake (reserved). */
    public static final String HUB_INTAKE = "tdkt-hub-intake";

    /** No signature required: every record passes. */
    public static final SignatureCheck OFF = new SignatureCheck(false, Map.of(), Map.of(), null);

    private final boolean required;
    private final Map<String, byte[]> keys;
    private final Map<String, Set<String>> units;
    /** The key of the hub's HTTP intake; null: no record is taken as attested by it. */
    private final byte[] intakeKey;

    private SignatureCheck(boolean required, Map<String, byte[]> keys, Map<String, Set<String>> units,
                           byte[] intakeKey) {
        this.required = required;
        this.keys = Map.copyOf(keys);
        this.units = Map.copyOf(units);
        this.intakeKey = intakeKey == null ? null : intakeKey.clone();
    }

    public static SignatureCheck of(boolean required, Properties credentials) {
        return of(required, credentials, null);
    }

    /** As {@link #of(boolean, Properties)}, also taking records the hub's HTTP intake signed with {@code intakeKey}. */
    public static SignatureCheck of(boolean required, Properties credentials, byte[] intakeKey) {
        Map<String, byte[]> keys = new java.util.HashMap<>();
        Map<String, Set<String>> units = new java.util.HashMap<>();
        for (String key : credentials.stringPropertyNames()) {
            if (key.startsWith("org.") && key.endsWith(".signing-key")) {
                String org = key.substring(4, key.length() - ".signing-key".length());
                keys.put(org, credentials.getProperty(key).trim().getBytes(StandardCharsets.UTF_8));
                Set<String> allowed = new TreeSet<>();
                for (String u : credentials.getProperty("org." + org + ".units", "").split(",")) {
                    if (!u.isBlank()) {
                        allowed.add(u.trim());
                    }
                }
                units.put(org, allowed);
            }
        }
        keys.remove(HUB_INTAKE); // reserved: a department of that name is never the intake
        return new SignatureCheck(required, keys, units, intakeKey);
    }

    /** The signature header value for a record value (what a department computes). */
    public static String sign(byte[] key, byte[] value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The signature of the hub's HTTP intake: HMAC-SHA256 with its key over the attested organisation's name
     * (UTF-8), a zero byte and the value, so that neither can be changed without the key.
     */
    public static String signAttested(byte[] key, String org, byte[] value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(org.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(value));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why the record may not be accepted, if signatures are required and it is not properly signed. */
    public Optional<Reason> check(Map<String, byte[]> headers, byte[] value, String unitCode) {
        if (!required) {
            return Optional.empty();
        }
        byte[] orgHeader = headers.get(ORG_HEADER);
        byte[] signature = headers.get(SIGNATURE_HEADER);
        String org = orgHeader == null ? null : new String(orgHeader, StandardCharsets.UTF_8);
        if (HUB_INTAKE.equals(org) && intakeKey != null && signature != null) {
            return checkAttested(headers.get(ATTESTED_ORG_HEADER), signature, value);
        }
        if (org == null || signature == null || !keys.containsKey(org)) {
            return Optional.of(new Reason(ReasonCode.UNAUTHORIZED, null,
                    "Bản ghi thiếu chữ ký hợp lệ của đơn vị gửi (header " + ORG_HEADER + " và " + SIGNATURE_HEADER + ")"));
        }
        byte[] expected = sign(keys.get(org), value == null ? new byte[0] : value).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, new String(signature, StandardCharsets.US_ASCII).trim().toLowerCase()
                .getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(new Reason(ReasonCode.UNAUTHORIZED, null, "Chữ ký của bản ghi không khớp với nội dung"));
        }
        Set<String> allowed = units.get(org);
        if (unitCode != null && !allowed.contains("*") && !allowed.contains(unitCode)) {
            return Optional.of(new Reason(ReasonCode.UNAUTHORIZED, "unitCode",
                    "Đơn vị gửi " + org + " không được báo cáo thay cho đơn vị này"));
        }
        return Optional.empty();
    }

    /**
     * A record of the hub's HTTP intake: signed with the intake's key over the attested organisation and the
     * value. The intake checked the organisation's right to report for the unit before signing.
     */
    private Optional<Reason> checkAttested(byte[] attestedHeader, byte[] signature, byte[] value) {
        if (attestedHeader == null || attestedHeader.length == 0) {
            return Optional.of(new Reason(ReasonCode.UNAUTHORIZED, null,
                    "Bản ghi của cổng HTTP thiếu tên đơn vị gửi đã xác thực (header " + ATTESTED_ORG_HEADER + ")"));
        }
        String attested = new String(attestedHeader, StandardCharsets.UTF_8);
        byte[] expected = signAttested(intakeKey, attested, value == null ? new byte[0] : value)
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, new String(signature, StandardCharsets.US_ASCII).trim().toLowerCase()
                .getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(new Reason(ReasonCode.UNAUTHORIZED, null, "Chữ ký của bản ghi không khớp với nội dung"));
        }
        return Optional.empty();
    }
}
