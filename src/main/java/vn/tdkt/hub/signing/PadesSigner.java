package vn.tdkt.hub.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Calendar;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs PDF documents as PAdES baseline signatures (ETSI EN 319 142-1): PAdES-B-B always, PAdES-B-T when a
 * time-stamp authority is given (a signature time-stamp, RFC 3161, on the signature value).
 *
 * <p>The signature is an incremental update: a signature field (invisible) whose {@code /ByteRange} covers the whole
 * document but the signature value itself, to the end of the file; its value is a detached CMS SignedData
 * ({@code /SubFilter /ETSI.CAdES.detached}) with SHA-256, the signer's certificate chain, the signed attributes
 * content-type, message-digest and ESS signing-certificate-v2 (and CMS algorithm protection), and no signing-time
 * attribute (PAdES puts the claimed time in the signature dictionary's {@code /M}). Bouncy Castle builds the CMS
 * with the JDK's own signature providers (no provider is registered), so RSA and EC keys both work.
 *
 * <p>Thread-safe: each call builds its own document and CMS generator.
 */
public final class PadesSigner {

    /** Room for the CMS beyond its certificates: signer info, signed attributes, signature value (RSA 4096: 512). */
    private static final int CMS_OVERHEAD = 2_048;
    /** Room for a time-stamp token, the TSA's certificates included. */
    private static final int TIME_STAMP_ROOM = 16_384;

    private final SigningKey key;
    private final TimeStampClient timeStamps;
    private final String algorithm;
    private final JcaCertStore certificates;
    private final Attribute signingCertificate;
    private final int signatureSize;

    /** A signer with a key, and a time-stamp authority or null (PAdES-B-B only). */
    public PadesSigner(SigningKey key, TimeStampClient timeStamps) {
        this.key = key;
        this.timeStamps = timeStamps;
        this.algorithm = switch (key.privateKey().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("Unsupported signing key algorithm "
                    + key.privateKey().getAlgorithm() + " (RSA or EC)");
        };
        try {
            this.certificates = new JcaCertStore(key.chain());
            this.signingCertificate = signingCertificateV2(key.certificate());
            int chain = 0;
            for (X509Certificate c : key.chain()) {
                chain += c.getEncoded().length;
            }
            // the room reserved in the PDF (written twice as large, in hex): the chain, the rest, a time-stamp
            this.signatureSize = chain + CMS_OVERHEAD + (timeStamps == null ? 0 : TIME_STAMP_ROOM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unusable signing certificate: " + e.getMessage(), e);
        }
    }

    public SigningKey key() {
        return key;
    }

    /** True when signatures carry a time-stamp (PAdES-B-T). */
    public boolean timeStamped() {
        return timeStamps != null;
    }

    /** What the signature dictionary says: signer's name, reason, place, claimed signing time. */
    public record Details(String name, String reason, String location, Calendar signingTime) {
    }

    /**
     * The document signed.
     *
     * @throws UncheckedIOException when the document cannot be read or written, or the time-stamp authority fails
     */
    public byte[] sign(byte[] pdf, Details details) {
        try (PDDocument doc = Loader.loadPDF(pdf);
             SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(details.name());
            signature.setReason(details.reason());
            signature.setLocation(details.location());
            signature.setSignDate(details.signingTime());
            options.setPreferredSignatureSize(signatureSize);
            doc.addSignature(signature, options);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * signatureSize + 4_096);
            ExternalSigningSupport external = doc.saveIncrementalForExternalSigning(out);
            byte[] cms = cms(external.getContent().readAllBytes());
            if (cms.length > signatureSize) {
                throw new IOException("The signature (" + cms.length + " bytes) exceeds the room reserved for it ("
                        + signatureSize + ")");
            }
            external.setSignature(cms);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot sign the document: " + e.getMessage(), e);
        }
    }

    /** The detached CMS SignedData over the signed byte ranges, time-stamped when a TSA is configured. */
    byte[] cms(byte[] content) throws IOException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(key.privateKey());
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                    .build()).setSignedAttributeGenerator(new PadesSignedAttributes(signingCertificate))
                    .build(signer, new JcaX509CertificateHolder(key.certificate())));
            generator.addCertificates(certificates);
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), false);
            if (timeStamps != null) {
                signed = withTimeStamp(signed);
            }
            return signed.getEncoded("DER");
        } catch (OperatorCreationException | CMSException | GeneralSecurityException e) {
            throw new IOException("Cannot build the CMS signature: " + e.getMessage(), e);
        }
    }

    /** Adds a signature time-stamp token (unsigned attribute) on the signature value: PAdES-B-T. */
    private CMSSignedData withTimeStamp(CMSSignedData signed) throws IOException, GeneralSecurityException {
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(signer.getSignature());
        byte[] token = timeStamps.stamp(digest).getEncoded();
        ASN1EncodableVector unsigned = new ASN1EncodableVector();
        unsigned.add(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new DERSet(ASN1Primitive.fromByteArray(token))));
        SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(unsigned));
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped));
    }

    private static Attribute signingCertificateV2(X509Certificate certificate) throws GeneralSecurityException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(
                X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()))),
                certificate.getSerialNumber());
        ESSCertIDv2 id = new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), hash, issuerSerial);
        return new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {id})));
    }

    /** Bouncy Castle's signed attributes plus signing-certificate-v2, without signing-time (PAdES baseline). */
    private record PadesSignedAttributes(Attribute signingCertificate) implements CMSAttributeTableGenerator {
        @Override
        @SuppressWarnings("rawtypes")
        public AttributeTable getAttributes(Map parameters) {
            ASN1EncodableVector extra = new ASN1EncodableVector();
            extra.add(signingCertificate);
            AttributeTable table = new DefaultSignedAttributeTableGenerator(new AttributeTable(extra))
                    .getAttributes(parameters);
            return table.remove(CMSAttributes.signingTime);
        }
    }
}
