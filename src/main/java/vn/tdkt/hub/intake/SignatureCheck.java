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
 */
public final class SignatureCheck {

    public static final String ORG_HEADER = "tdkt-org";
    public static final String SIGNATURE_HEADER = "tdkt-signature";

    /** No signature required: every record passes. */
    public static final SignatureCheck OFF = new SignatureCheck(false, Map.of(), Map.of());

    private final boolean required;
    private final Map<String, byte[]> keys;
    private final Map<String, Set<String>> units;

    private SignatureCheck(boolean required, Map<String, byte[]> keys, Map<String, Set<String>> units) {
        this.required = required;
        this.keys = Map.copyOf(keys);
        this.units = Map.copyOf(units);
    }

    public static SignatureCheck of(boolean required, Properties credentials) {
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
        return new SignatureCheck(required, keys, units);
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

    /** Why the record may not be accepted, if signatures are required and it is not properly signed. */
    public Optional<Reason> check(Map<String, byte[]> headers, byte[] value, String unitCode) {
        if (!required) {
            return Optional.empty();
        }
        byte[] orgHeader = headers.get(ORG_HEADER);
        byte[] signature = headers.get(SIGNATURE_HEADER);
        String org = orgHeader == null ? null : new String(orgHeader, StandardCharsets.UTF_8);
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
}
