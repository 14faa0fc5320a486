package io.ehrconnector.hl7ingest.intake;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The messages this replica published most recently, so that a resend that follows at once (the sender missed the ACK) is
 * answered without waiting for the ledger's "published" mark, which is written after the ACK. Bounded; the ledger remains
 * the record.
 */
final class RecentlyPublished {

    private final Map<String, Boolean> keys;

    RecentlyPublished(int capacity) {
        this.keys = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    static String key(String configurationId, String sendingApplication, String sendingFacility, String controlId) {
        return configurationId + '\u001f' + sendingApplication + '\u001f' + sendingFacility + '\u001f' + controlId;
    }

    synchronized boolean contains(String key) {
        return keys.containsKey(key);
    }

    synchronized void add(String key) {
        keys.put(key, Boolean.TRUE);
    }
}
