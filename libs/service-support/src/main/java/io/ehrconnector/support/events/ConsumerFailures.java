package io.ehrconnector.support.events;

import io.ehrconnector.events.MalformedEventException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.vertx.core.ContextAwareScheduler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import static io.ehrconnector.support.Failures.classChain;

/**
 * How every Kafka consumer of the suite fails. A malformed record fails at once (replaying it would fail again). Any other
 * failure (database or broker unavailable, a deadlock, a lost insert race) is retried with backoff on the record's own Vert.x
 * context, which Hibernate Reactive needs; when the retries are spent, the failure becomes an {@link EventProcessingException}
 * that names only the consumer and the exception classes. The channel's dead-letter strategy copies that message into the
 * {@code dead-letter-reason} header, and database or HTTP error messages may quote data (a constraint violation quotes the
 * key), so the original message never leaves the service, not even in its logs.
 */
public final class ConsumerFailures {

    static final int ATTEMPTS = 5;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private ConsumerFailures() {
    }

    /** Runs {@code work} (subscribed again on every retry) under the suite's failure rules. */
    public static Uni<Void> guard(String consumer, Supplier<Uni<? extends Void>> work) {
        return Uni.createFrom().<Void>deferred(work)
                .onFailure(ConsumerFailures::isTransient).invoke(failure -> Log.warnf("%s will retry a record after %s",
                        consumer, classChain(failure)))
                .onFailure(ConsumerFailures::isTransient).retry()
                .withBackOff(FIRST_BACKOFF, MAX_BACKOFF).withExecutor(retryExecutor())
                .atMost(ATTEMPTS - 1)
                .onFailure(ConsumerFailures::isTransient).transform(failure -> {
                    Log.errorf("%s gave up on a record after %d attempts (%s); it goes to the dead-letter topic", consumer,
                            ATTEMPTS, classChain(failure));
                    return new EventProcessingException(consumer, failure);
                });
    }

    /** Retries stay on the caller's Vert.x context (a duplicated context per record), so reactive sessions keep working. */
    private static ScheduledExecutorService retryExecutor() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Infrastructure.getDefaultWorkerPool();
        }
        return ContextAwareScheduler.delegatingTo(Infrastructure.getDefaultWorkerPool()).withCurrentContext();
    }

    private static boolean isTransient(Throwable failure) {
        return !(failure instanceof MalformedEventException) && !(failure instanceof EventProcessingException);
    }

    /** A record this service could not process; its message names no data. */
    public static final class EventProcessingException extends RuntimeException {

        EventProcessingException(String consumer, Throwable failure) {
            super(consumer + " could not process the record: " + classChain(failure), null, false, false);
        }
    }
}
