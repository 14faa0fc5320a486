package io.ehrconnector.config.keys;

/** Where a connector key is in its life; see {@link ConnectorKeyService} for the transitions. */
public enum KeyStatus {

    /** Published in the JWK Set, not yet signing; becomes {@link #ACTIVE} when its activation time comes. */
    NEXT,
    /** Signs client assertions; at most one per environment. Published. */
    ACTIVE,
    /** No longer signs; still published so verifiers holding tokens or cached sets signed just before rotation succeed. */
    PREVIOUS,
    /** Not published; its private key has been destroyed. Kept as a record (kid, times). */
    RETIRED;

    /** True for the states whose public key is in the environment's JWK Set. */
    public boolean published() {
        return this != RETIRED;
    }
}
