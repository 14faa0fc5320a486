package io.ehrconnector.launch.presence;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

import java.time.OffsetDateTime;

/**
 * The columns of a row that keeps a Graph change-notification subscription: its id once Graph answered, its client state
 * (as SHA-256 only), expiry, whether Graph asked for reauthorization, and when the keeper acts next with how many failures
 * in a row. Shared by presence's meeting watches and call quality's tenant subscriptions.
 */
@MappedSuperclass
public abstract class GraphSubscriptionState {

    @Column(name = "subscription_id")
    public String subscriptionId;

    @Column(name = "client_state_hash")
    public String clientStateHash;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "reauthorize_requested", nullable = false)
    public boolean reauthorizeRequested;

    @Column(name = "next_attempt_at", nullable = false)
    public OffsetDateTime nextAttemptAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    /** The subscription is gone (removed by Graph, deleted, or unusable): the keeper makes a new one. */
    protected void forgetSubscription() {
        subscriptionId = null;
        clientStateHash = null;
        expiresAt = null;
        reauthorizeRequested = false;
        attempts = 0;
    }
}
