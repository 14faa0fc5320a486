package io.ehrconnector.support.configuration;

import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parsed snapshot of each configuration, kept beside the JSON it was parsed from. Launches, SMS and write-backs read a
 * configuration's snapshot for every request; parsing its JSON each time cost more than the request's own work. A snapshot
 * is immutable, so the parsed one is reused for as long as the stored JSON is the same text.
 */
final class ParsedSnapshots {

    /** Far more than any deployment's configurations; reaching it means ids churn, and starting afresh is cheap. */
    private static final int MAX_ENTRIES = 10_000;

    private record Parsed(String json, ConfigurationSnapshot snapshot) {
    }

    private static final Map<String, Parsed> BY_CONFIGURATION = new ConcurrentHashMap<>();

    private ParsedSnapshots() {
    }

    static ConfigurationSnapshot of(String configurationId, String snapshotJson) {
        Parsed cached = BY_CONFIGURATION.get(configurationId);
        if (cached != null && cached.json.equals(snapshotJson)) {
            return cached.snapshot;
        }
        ConfigurationSnapshot snapshot = parse(configurationId, snapshotJson);
        if (BY_CONFIGURATION.size() >= MAX_ENTRIES) {
            BY_CONFIGURATION.clear();
        }
        BY_CONFIGURATION.put(configurationId, new Parsed(snapshotJson, snapshot));
        return snapshot;
    }

    private static ConfigurationSnapshot parse(String configurationId, String snapshotJson) {
        try {
            return CloudEventCodec.mapper().readValue(snapshotJson, ConfigurationSnapshot.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored snapshot of configuration " + configurationId + " does not parse", e);
        }
    }
}
