package io.ehrconnector.testing.standins;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.stream.Stream;

/**
 * A throw-away TLS identity for a local HTTPS stand-in: a self-signed ECDSA P-256 certificate for 127.0.0.1 and
 * localhost (made with BouncyCastle; EC because RSA key generation is slow on the C1-only test JVMs), written as a PKCS12 key store for the server and a PKCS12 trust store for clients, in a temp directory
 * that {@link #delete()} removes. Clients trust exactly this certificate and nothing else.
 *
 * <p>Public so that a test can serve odd HTTPS answers of its own (e.g. with {@code com.sun.net.httpserver.HttpsServer}
 * and {@link #serverContext()}) that a client trusting {@link #trustStore()} accepts:
 * <pre>{@code
 * try (SelfSignedTls tls = SelfSignedTls.generate("odd-ehr")) {
 *     HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
 *     server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
 *     ...
 * }
 * }</pre>
 */
public final class SelfSignedTls implements AutoCloseable {

    /** The type of both stores. */
    public static final String STORE_TYPE = "PKCS12";

    private final Path directory;
    private final Path keyStore;
    private final Path trustStore;
    private final String password;
    private final X509Certificate certificate;

    private SelfSignedTls(Path directory, Path keyStore, Path trustStore, String password, X509Certificate certificate) {
        this.directory = directory;
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.password = password;
        this.certificate = certificate;
    }

    /** A new key pair and certificate named after {@code name} (shown in the certificate's subject), with both stores. */
    public static SelfSignedTls generate(String name) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X509Certificate certificate = certificate(name, keys);
            String password = RandomIds.token(12);

            Path directory = Files.createTempDirectory("standin-tls-");
            KeyStore server = KeyStore.getInstance(STORE_TYPE);
            server.load(null, null);
            server.setKeyEntry("server", keys.getPrivate(), password.toCharArray(), new X509Certificate[] {certificate});
            Path keyStore = write(server, directory.resolve("keystore.p12"), password);

            KeyStore trust = KeyStore.getInstance(STORE_TYPE);
            trust.load(null, null);
            trust.setCertificateEntry("server", certificate);
            Path trustStore = write(trust, directory.resolve("truststore.p12"), password);
            return new SelfSignedTls(directory, keyStore, trustStore, password, certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS certificate", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509Certificate certificate(String name, KeyPair keys) throws GeneralSecurityException {
        try {
            X500Name subject = new X500Name("CN=" + name + " stand-in,O=ehr-connector tests");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            return new JcaX509CertificateConverter().getCertificate(builder.build(sha256WithEcdsa(keys.getPrivate())));
        } catch (org.bouncycastle.cert.CertIOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /**
     * A self-signed certificate of {@code keys} (EC or RSA) with subject {@code CN=<name>,O=ehr-connector tests} and the
     * given validity, signed with SHA-256: for tests of code that checks certificates it is given (expired, not yet valid,
     * weak keys). No key store is written.
     */
    public static X509Certificate selfSignedCertificate(String name, KeyPair keys, Instant notBefore, Instant notAfter) {
        String dn = "CN=" + name + ",O=ehr-connector tests";
        return issuedCertificate(dn, keys.getPublic(), dn, keys.getPrivate(), notBefore, notAfter);
    }

    /**
     * A certificate for {@code subjectKey} named {@code subjectDn}, issued (signed with SHA-256) by {@code issuerKey} (EC or
     * RSA) in the name of {@code issuerDn}, valid from {@code notBefore} to {@code notAfter}: with
     * {@link #selfSignedCertificate} a test builds chains (leaf, intermediate, root) in or out of order.
     */
    public static X509Certificate issuedCertificate(String subjectDn, PublicKey subjectKey, String issuerDn, PrivateKey issuerKey,
                                                    Instant notBefore, Instant notAfter) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuerDn),
                    new BigInteger(64, new SecureRandom()).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    new X500Name(subjectDn), subjectKey);
            ContentSigner signer = "RSA".equals(issuerKey.getAlgorithm()) ? sha256WithRsa(issuerKey) : sha256WithEcdsa(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a certificate", e);
        }
    }

    private static ContentSigner sha256WithRsa(PrivateKey key) throws GeneralSecurityException {
        return jdkSigner(key, "SHA256withRSA",
                new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE));
    }

    private static ContentSigner sha256WithEcdsa(PrivateKey key) throws GeneralSecurityException {
        return jdkSigner(key, "SHA256withECDSA", new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256));
    }

    /**
     * A certificate signer on the JDK's own {@link Signature}. BouncyCastle's JcaContentSignerBuilder would do, but its
     * algorithm table needs bcutil/bcprov of the same release as bcpkix, which depends on the Quarkus BOM's pins.
     */
    private static ContentSigner jdkSigner(PrivateKey key, String jdkAlgorithm, AlgorithmIdentifier algorithm)
            throws GeneralSecurityException {
        Signature signature = Signature.getInstance(jdkAlgorithm);
        signature.initSign(key);
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return signed;
            }

            @Override
            public byte[] getSignature() {
                try {
                    signature.update(signed.toByteArray());
                    return signature.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("cannot sign the certificate", e);
                }
            }
        };
    }

    private static Path write(KeyStore store, Path file, String password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    /** The server's PKCS12 key store (private key and certificate), protected by {@link #password()}. */
    public Path keyStore() {
        return keyStore;
    }

    /** A PKCS12 trust store holding only the certificate, protected by {@link #password()}. */
    public Path trustStore() {
        return trustStore;
    }

    /** The password of both stores (random). */
    public String password() {
        return password;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** An SSLContext that trusts this certificate only. */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance(STORE_TYPE);
            trust.load(null, null);
            trust.setCertificateEntry("server", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an SSLContext", e);
        }
    }

    /** An SSLContext that presents this certificate: for a server. */
    public SSLContext serverContext() {
        try {
            KeyStore keys = KeyStore.getInstance(STORE_TYPE);
            try (java.io.InputStream in = Files.newInputStream(keyStore)) {
                keys.load(in, password.toCharArray());
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a server SSLContext", e);
        }
    }

    /** Deletes both stores (the certificate stays usable in memory). */
    public void delete() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    /** Same as {@link #delete()}. */
    @Override
    public void close() {
        delete();
    }
}
