package io.ehrconnector.sms.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** How texts are sent ({@code ehr.sms.dispatch.*}). */
@ConfigMapping(prefix = "ehr.sms.dispatch")
public interface DispatchSettings {

    /** How often each replica looks for due texts (read by the dispatcher's schedule). */
    @WithDefault("1s")
    String every();

    /** How long after start the first look is. */
    @WithDefault("2s")
    String delay();

    /** Texts a sending number may send per minute (any 60 seconds), across all replicas; toll-free numbers get 200. */
    @WithDefault("200")
    int ratePerMinute();

    /** Per sending number (E.164) limits that differ from {@link #ratePerMinute()}. */
    Map<String, Integer> ratePerMinuteOf();

    /** Texts one replica takes at a time for one number. */
    @WithDefault("100")
    int batchSize();

    /** Batches of one number one replica has on their way at once. */
    @WithDefault("4")
    int parallelBatches();

    /** Texts of one batch sent to ACS at once. */
    @WithDefault("16")
    int concurrency();

    /** How long a replica holds texts it took; after that (a crash), another replica sends them, with the same ids. */
    @WithDefault("PT60S")
    Duration lease();

    /**
     * The longest a claimed text may wait before it goes to ACS; one that waited longer is put back unsent and claimed
     * again, so the rate limit's window can account for the wait.
     */
    @WithDefault("PT5S")
    Duration maxSendDelay();

    /** Attempts at a text that keeps failing for temporary reasons (429, 5xx, time-outs) before it is FAILED. */
    @WithDefault("8")
    int maxAttempts();

    /** Backoff before the first retry; doubles per attempt up to {@link #maxBackoff()}. */
    @WithDefault("PT5S")
    Duration firstBackoff();

    @WithDefault("PT5M")
    Duration maxBackoff();

    default int ratePerMinute(String sendingNumber) {
        return ratePerMinuteOf().getOrDefault(sendingNumber, ratePerMinute());
    }
}
