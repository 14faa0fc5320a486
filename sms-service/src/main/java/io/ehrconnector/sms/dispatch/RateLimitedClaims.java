package io.ehrconnector.sms.dispatch;

import io.ehrconnector.sms.messages.SmsMessage;
import io.ehrconnector.sms.messages.SmsMessageRepository;
import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Takes due texts of one sending number for this replica without letting the number exceed its rate limit in any 60
 * seconds, whichever replicas send. Under a transaction-scoped advisory lock on the number, the claims of the recent
 * one-second buckets are summed, at most the rest of the budget is claimed, and the claim is added to the current second's
 * bucket. ACS counts requests when they arrive, which is after the claim: a claimed text is sent within
 * {@link DispatchSettings#maxSendDelay()} of its claim or put back unsent ({@link MessageSending}), so the window summed is
 * 60 seconds plus that delay plus one (a span touches one more whole second than it lasts). Every attempt counts, retries
 * included.
 */
@ApplicationScoped
class RateLimitedClaims {

    private final SmsMessageRepository messages;
    private final DispatchSettings settings;

    RateLimitedClaims(SmsMessageRepository messages, DispatchSettings settings) {
        this.messages = messages;
        this.settings = settings;
    }

    Uni<List<SmsMessage>> claim(String sendingNumber) {
        int limit = settings.ratePerMinute(sendingNumber);
        return Panache.withTransaction(() -> NativeSql.single("select count(*) from (select pg_advisory_xact_lock("
                        + "hashtextextended('ehr-connector/sms-rate/' || ?1, 0))) locked", Long.class, sendingNumber)
                .flatMap(locked -> NativeSql.single("select coalesce(sum(sends), 0) from sms_rate_bucket"
                        + " where sending_number = ?1 and second > clock_timestamp() - make_interval(secs => ?2)", Long.class,
                        sendingNumber, (double) windowSeconds()))
                .flatMap(used -> {
                    int budget = (int) Math.min(settings.batchSize(), limit - used);
                    if (budget <= 0) {
                        return Uni.createFrom().item(List.<SmsMessage>of());
                    }
                    return messages.claim(sendingNumber, budget, settings.lease())
                            .call(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem() : countSends(sendingNumber,
                                    claimed.size()));
                }));
    }

    /** The span of claims that can reach ACS within one 60-second window of its arrival times. */
    private long windowSeconds() {
        return 60 + (long) Math.ceil(settings.maxSendDelay().toMillis() / 1000.0) + 1;
    }

    private static Uni<Integer> countSends(String sendingNumber, int sends) {
        return NativeSql.update("insert into sms_rate_bucket (sending_number, second, sends)"
                + " values (?1, date_trunc('second', clock_timestamp()), ?2) on conflict (sending_number, second)"
                + " do update set sends = sms_rate_bucket.sends + excluded.sends", sendingNumber, sends);
    }
}
