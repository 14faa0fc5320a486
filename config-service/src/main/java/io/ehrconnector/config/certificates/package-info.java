/**
 * The EHR's public-key certificates: per tenant and Epic environment, the certificate hl7-ingest-service authenticates
 * Epic's HL7 messages with (the client certificate of MLLP over TLS, the key of the signature over HTTPS posts).
 *
 * <h2>Upload</h2>
 * An admin uploads Epic's certificate for {@code test} or {@code production} ({@link io.ehrconnector.config.certificates.CertificateResource}).
 * {@link io.ehrconnector.config.certificates.CertificateParser} accepts PEM, Base64 of DER, or DER, and checks that it is one
 * X.509 certificate, valid now, with an RSA key of at least 2048 bits or an EC key of at least 256 bits, not signed with
 * MD2/MD5. Anything that carries a private key (PEM private key blocks of any kind, encrypted or not; the DER of a private
 * key, however labelled; PKCS#12 files and Java key stores) is refused with a message saying to upload only the
 * certificate and to have Epic issue a new key if it may have been exposed. Every refusal is an RFC 9457 problem (422, one
 * problem type per reason, a detail for the person, a field error on {@code certificate}) and changes nothing. No message
 * and no log line quotes the upload; the upload buffer is wiped once read. A PEM chain is accepted when it starts with
 * Epic's own certificate and each certificate is issued by the next (only the first is kept, with a notice); other sets of
 * several certificates are refused.
 *
 * <h2>CURRENT and PREVIOUS</h2>
 * The upload becomes CURRENT; the CURRENT one it replaces becomes PREVIOUS, and an older PREVIOUS is dropped. PREVIOUS stays
 * accepted until it expires or an admin removes it ({@code DELETE .../previous}), so that Epic can switch to a new
 * certificate without messages it sent with the old one in the meantime being refused. There is no timed overlap: the admin
 * removes the old certificate when Epic confirms the switch (or it simply expires). Uploading the CURRENT certificate again
 * changes nothing; uploading the PREVIOUS one again swaps them back.
 *
 * <h2>For other code</h2>
 * {@link io.ehrconnector.config.certificates.EhrCertificateService#hasCurrentCertificate} and
 * {@link io.ehrconnector.config.certificates.EhrCertificateService#validCertificates} answer for a tenant and environment
 * (the certificates valid now, CURRENT first). They are pinned certificates: compare exactly, never use them as trust
 * anchors. Certificates are public material and may be published (e.g. in a configuration snapshot for hl7-ingest-service);
 * nothing secret is ever stored here.
 *
 * <h2>History</h2>
 * Every upload that changes something and every removal writes one entry of the tenant's change history
 * ({@link io.ehrconnector.config.certificates.CertificateHistory}), in the transaction of the change: who, when, the
 * environment and the SHA-256 fingerprint.
 */
package io.ehrconnector.config.certificates;
