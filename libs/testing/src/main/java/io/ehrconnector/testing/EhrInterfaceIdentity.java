package io.ehrconnector.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import io.ehrconnector.events.ConfigurationSnapshot.EhrCertificate;
import io.ehrconnector.testing.standins.SelfSignedTls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * What Epic's interface engine holds in a test: a key pair and its self-signed certificate, as the hospital would upload it
 * to the connector. It signs posted HL7 messages the way docs/hl7-over-https.md says, and is a TLS client identity for MLLP
 * over TLS. The certificate as a configuration snapshot carries it is {@link #asUploaded()}.
 */
public final class EhrInterfaceIdentity {

    private final KeyPair keys;
    private final X509Certificate certificate;

    private EhrInterfaceIdentity(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A P-256 key (ES256 signatures), certificate valid from an hour ago for a day. */
    public static EhrInterfaceIdentity ec(String name) {
        return of(name, "EC", Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
    }

    /** A 2048-bit RSA key (RS256 signatures). */
    public static EhrInterfaceIdentity rsa(String name) {
        return of(name, "RSA", Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
    }

    /** An EC identity whose certificate is valid only between the two instants (e.g. already expired). */
    public static EhrInterfaceIdentity ec(String name, Instant notBefore, Instant notAfter) {
        return of(name, "EC", notBefore, notAfter);
    }

    private static EhrInterfaceIdentity of(String name, String algorithm, Instant notBefore, Instant notAfter) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if ("EC".equals(algorithm)) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            KeyPair keys = generator.generateKeyPair();
            return new EhrInterfaceIdentity(keys, SelfSignedTls.selfSignedCertificate(name, keys, notBefore, notAfter));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate as the connector keeps it once uploaded (role CURRENT). */
    public EhrCertificate asUploaded() {
        try {
            return new EhrCertificate(EhrCertificate.Role.CURRENT, EhrCertificate.fingerprintOf(certificate.getEncoded()),
                    pem(), OffsetDateTime.ofInstant(certificate.getNotBefore().toInstant(), ZoneOffset.UTC),
                    OffsetDateTime.ofInstant(certificate.getNotAfter().toInstant(), ZoneOffset.UTC));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String pem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The detached JWS of {@code body}, signed now with a fresh jti. */
    public String sign(byte[] body) {
        return sign(body, Instant.now(), UUID.randomUUID().toString());
    }

    /** The detached JWS of {@code body} with the given {@code iat} and {@code jti} (the header value to send). */
    public String sign(byte[] body, Instant issuedAt, String jti) {
        try {
            boolean ec = keys.getPrivate() instanceof ECPrivateKey;
            JWSHeader header = new JWSHeader.Builder(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256)
                    .x509CertSHA256Thumbprint(Base64URL.encode(MessageDigest.getInstance("SHA-256")
                            .digest(certificate.getEncoded())))
                    .customParams(Map.of("iat", issuedAt.getEpochSecond(), "jti", jti))
                    .build();
            JWSSigner signer = ec ? new ECDSASigner((ECPrivateKey) keys.getPrivate()) : new RSASSASigner(keys.getPrivate());
            JWSObject jws = new JWSObject(header, new Payload(body));
            jws.sign(signer);
            return jws.serialize(true);
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS client context presenting this certificate, trusting any server (tests talk to their own listener). */
    public SSLContext clientTls() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "test".toCharArray();
            store.setKeyEntry("ehr", keys.getPrivate(), password, new X509Certificate[] {certificate});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
