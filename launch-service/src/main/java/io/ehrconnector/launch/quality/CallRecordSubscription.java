package io.ehrconnector.launch.quality;

import io.ehrconnector.launch.presence.GraphSubscriptionState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A hospital tenant and the state of its Graph subscription to its call records (see V8__call_record_fetch.sql). */
@Entity
@Table(name = "call_record_subscription")
public class CallRecordSubscription extends GraphSubscriptionState {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    /** The subscription is gone (removed by Graph, or unusable): the keeper makes a new one at once. */
    void forget(OffsetDateTime now) {
        forgetSubscription();
        nextAttemptAt = now;
    }
}
