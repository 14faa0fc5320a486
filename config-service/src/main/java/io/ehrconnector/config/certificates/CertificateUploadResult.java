package io.ehrconnector.config.certificates;

import java.util.List;

/**
 * The answer to an upload.
 *
 * @param current  the certificate now in use (the upload)
 * @param previous the certificate it replaced, still accepted until it expires or is removed; null when there was none
 * @param notices  what the uploader should know although the upload was accepted (e.g. only the first certificate of a
 *                 chain kept, expiry close, the same certificate uploaded again)
 */
public record CertificateUploadResult(CertificateView current, CertificateView previous, List<String> notices) {

    public CertificateUploadResult {
        notices = List.copyOf(notices);
    }
}
