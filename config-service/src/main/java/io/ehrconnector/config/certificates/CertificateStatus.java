package io.ehrconnector.config.certificates;

/** The place of an EHR certificate among its tenant's and environment's certificates. */
public enum CertificateStatus {

    /** The latest upload; at most one per tenant and environment. */
    CURRENT,
    /**
     * The certificate the current one replaced; at most one per tenant and environment. Still accepted until it expires or
     * an admin removes it, so that messages Epic signed or sent with it while switching certificates are not lost.
     */
    PREVIOUS
}
