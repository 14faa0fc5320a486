package io.ehrconnector.config.certificates;

import io.ehrconnector.config.security.Caller;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.smallrye.mutiny.Uni;

/**
 * Where certificate changes enter the tenant's change history (who, what, when), in the transaction of the change. The
 * implementation in use is {@link ConfigurationChangeCertificateHistory}.
 */
interface CertificateHistory {

    /** What happened to a tenant's certificates. */
    enum Change {
        /** A certificate became CURRENT (the one it replaced, if any, became PREVIOUS). */
        UPLOADED,
        /** An admin removed the PREVIOUS certificate. */
        PREVIOUS_REMOVED
    }

    /** Records that {@code actor} made {@code change} to the certificate {@code fingerprint} of {@code environment}. */
    Uni<Void> record(Caller actor, Change change, Environment environment, String fingerprint);
}
