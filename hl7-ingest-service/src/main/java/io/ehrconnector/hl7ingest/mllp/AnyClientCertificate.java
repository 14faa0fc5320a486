package io.ehrconnector.hl7ingest.mllp;

import javax.net.ssl.X509TrustManager;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * The TLS listener's client-certificate check: the handshake only requires that the client present a certificate and prove
 * it holds its private key (TLS does the latter). Whether that certificate is one the hospital uploaded is decided per frame
 * against the approved configurations' pins, so a removed or rotated certificate takes effect without a restart, and a frame
 * from an unknown certificate is answered AR and recorded instead of vanishing in a failed handshake.
 */
final class AnyClientCertificate implements X509TrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("a client certificate is required");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager only checks clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
