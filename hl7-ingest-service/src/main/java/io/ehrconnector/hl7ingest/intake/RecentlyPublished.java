package io.ehrconnector.hl7ingest.intake;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The messages this replica published most recently, so that a resend that follows at once (the sender missed the ACK) is
 * answered without waiting for the ledger's "published" mark, which is written after the ACK. Bounded in number and, like
 * the ledger, in time (the resend window); the ledger remains the record.
 */
final class RecentlyPublished {

    private final Map<String, Long> publishedAtNanos;
    private final long windowNanos;

    RecentlyPublished(int capacity, java.time.Duration window) {
        this.windowNanos = window.toNanos();
        this.publishedAtNanos = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    static String key(String configurationId, String sendingApplication, String sendingFacility, String controlId) {
        return configurationId + '\u001f' + sendingApplication + '\u001f' + sendingFacility + '\u001f' + controlId;
    }

    synchronized boolean contains(String key) {
        Long at = publishedAtNanos.get(key);
        return at != null && System.nanoTime() - at < windowNanos;
    }

    synchronized void add(String key) {
        publishedAtNanos.put(key, System.nanoTime());
    }
}
