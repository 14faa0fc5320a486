package io.ehrconnector.support.events;

import io.ehrconnector.events.MalformedEventException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How every Kafka consumer of the suite fails. A malformed record fails at once (replaying it would fail again). Any other
 * failure (database or broker unavailable, a deadlock) is retried with backoff; when the retries are spent, the failure becomes
 * an {@link EventProcessingException} that names only the consumer and the exception class. The channel's dead-letter strategy
 * copies that message into the {@code dead-letter-reason} header, and database or HTTP error messages may quote data (a
 * constraint violation quotes the key), so the original message never leaves the service.
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
                .onFailure(ConsumerFailures::isTransient).retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).atMost(ATTEMPTS - 1)
                .onFailure(ConsumerFailures::isTransient).transform(failure -> {
                    Log.errorf("%s gave up on a record after %d attempts (%s); it goes to the dead-letter topic", consumer,
                            ATTEMPTS, failure.getClass().getName());
                    return new EventProcessingException(consumer, failure);
                });
    }

    private static boolean isTransient(Throwable failure) {
        return !(failure instanceof MalformedEventException) && !(failure instanceof EventProcessingException);
    }

    /** A record this service could not process; its message names no data. */
    public static final class EventProcessingException extends RuntimeException {

        EventProcessingException(String consumer, Throwable failure) {
            super(consumer + " could not process the record: " + failure.getClass().getName(), null, false, false);
        }
    }
}
