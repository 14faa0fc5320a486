package io.ehrconnector.sms.dispatch;

import io.ehrconnector.sms.messages.SmsMessageRepository;
import io.ehrconnector.support.Failures;
import io.ehrconnector.support.vertx.OwnContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.stream.Collectors;

/**
 * Sends what is due, every second on every replica: for each sending number with due texts, claims a rate-limited batch
 * ({@link RateLimitedClaims}) and sends it with bounded concurrency ({@link MessageSending}), round after round until
 * nothing more can be claimed or a run has lasted {@link #LONGEST_RUN} (the next run goes on). Replicas share the work
 * through the database: a claimed text is invisible to the others until its lease runs out.
 */
@ApplicationScoped
class SmsDispatcher {

    static final Duration LONGEST_RUN = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final SmsMessageRepository messages;
    private final RateLimitedClaims claims;
    private final MessageSending sending;
    private final DispatchSettings settings;

    SmsDispatcher(Vertx vertx, SmsMessageRepository messages, RateLimitedClaims claims, MessageSending sending,
                  DispatchSettings settings) {
        this.vertx = vertx;
        this.messages = messages;
        this.claims = claims;
        this.sending = sending;
        this.settings = settings;
    }

    @Scheduled(identity = "sms-dispatch", every = "${ehr.sms.dispatch.every:1s}", delayed = "${ehr.sms.dispatch.delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return rounds(System.nanoTime() + LONGEST_RUN.toNanos())
                .onFailure().invoke(e -> Log.warnf("SMS dispatch failed, will retry: %s", Failures.classChain(e)))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> rounds(long deadline) {
        return round().flatMap(sent -> sent > 0 && System.nanoTime() < deadline ? rounds(deadline)
                : Uni.createFrom().voidItem());
    }

    /** One batch per due sending number; yields how many texts were taken. */
    private Uni<Integer> round() {
        return OwnContext.call(vertx, () -> Panache.withSession(messages::dueSendingNumbers))
                .flatMap(numbers -> Multi.createFrom().iterable(numbers)
                        .onItem().transformToUniAndConcatenate(this::sendBatchOf)
                        .collect().with(Collectors.summingInt(Integer::intValue)));
    }

    /**
     * Up to {@code parallel-batches} claims of the number at once, each sent as one batch: claims serialise on the number's
     * advisory lock and then proceed side by side, so the next batch is on its way while one waits for ACS.
     */
    private Uni<Integer> sendBatchOf(String sendingNumber) {
        return Multi.createFrom().range(0, settings.parallelBatches())
                .onItem().transformToUni(i -> OwnContext.call(vertx, () -> claims.claim(sendingNumber))
                        .flatMap(batch -> OwnContext.call(vertx, () -> sending.sendAll(batch))
                                .onFailure().invoke(e -> Log.warnf("a batch of %d texts failed; they are sent again when"
                                        + " their lease runs out: %s", batch.size(), Failures.classChain(e)))
                                .onFailure().recoverWithNull()
                                .replaceWith(batch.size())))
                .merge(settings.parallelBatches())
                .collect().with(Collectors.summingInt(Integer::intValue));
    }
}
