package vn.tdkt.hub.domain.registry;

/** The body that issues letters and certificates (registry {@code issuer}). */
public record Issuer(String parent, String name, String place, String signerTitle, String signerName, String officeEmail) {
}
