package io.ehrconnector.support.links;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The join link keys, from one setting ({@code ehr.join-links.keys}, a secret both sms-service and launch-service read):
 * {@code <id>:<base64 of 32 random bytes>}, comma-separated, ids 0 to 255 (a token names its key in one byte). The first
 * entry is the current key, which new links are made with; every listed key verifies. No message ever quotes an entry.
 */
public final class JoinLinkKeys {

    /**
     * The %dev / %test value in the services' application.properties: key 1 is base64 of
     * {@code "INSECURE-dev-test-join-links-32B"}. Public, so refused in production.
     */
    public static final String DEV_TEST_KEYS = "1:SU5TRUNVUkUtZGV2LXRlc3Qtam9pbi1saW5rcy0zMkI=";

    private static final byte[] DEV_TEST_SECRET = "INSECURE-dev-test-join-links-32B".getBytes(StandardCharsets.US_ASCII);

    private final JoinLinkKey current;
    private final Map<Integer, JoinLinkKey> byId;
    private final boolean devTestKeyListed;

    private JoinLinkKeys(List<JoinLinkKey> keys, boolean devTestKeyListed) {
        this.current = keys.getFirst();
        Map<Integer, JoinLinkKey> ids = new LinkedHashMap<>();
        keys.forEach(key -> ids.put(key.id(), key));
        this.byId = Map.copyOf(ids);
        this.devTestKeyListed = devTestKeyListed;
    }

    /**
     * @param entries {@code <id>:<base64 of 32 bytes>[,<id>:<base64 of 32 bytes>...]}, first is current; base64 standard or
     *                url-safe, padded or not
     * @throws IllegalArgumentException saying which entry (by position) is wrong and how, without its value
     */
    public static JoinLinkKeys parse(String entries) {
        if (entries == null || entries.isBlank()) {
            throw new IllegalArgumentException("no join link key is configured");
        }
        List<JoinLinkKey> keys = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        boolean devTestKeyListed = false;
        String[] parts = entries.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String entry = parts[i].strip();
            int colon = entry.indexOf(':');
            int id = colon < 1 ? -1 : id(entry.substring(0, colon));
            if (id < 0) {
                throw new IllegalArgumentException("join link key entry " + (i + 1) + " is not <id 0-255>:<base64 key>");
            }
            if (ids.contains(id)) {
                throw new IllegalArgumentException("join link key id " + id + " is listed twice");
            }
            byte[] secret = secret(id, entry.substring(colon + 1).strip());
            devTestKeyListed |= Arrays.equals(secret, DEV_TEST_SECRET);
            ids.add(id);
            keys.add(new JoinLinkKey(id, secret));
        }
        return new JoinLinkKeys(keys, devTestKeyListed);
    }

    JoinLinkKey current() {
        return current;
    }

    /** The key with {@code id}, or null when it is not (or no longer) configured. */
    JoinLinkKey find(int id) {
        return byId.get(id);
    }

    /** Id of the key new links are made with. */
    public int currentKeyId() {
        return current.id();
    }

    /** True when the published {@link #DEV_TEST_KEYS} key is among them; production refuses that. */
    public boolean devTestKeyListed() {
        return devTestKeyListed;
    }

    private static int id(String text) {
        String id = text.strip();
        if (!id.matches("\\d{1,3}")) {
            return -1;
        }
        int value = Integer.parseInt(id);
        return value <= 255 ? value : -1;
    }

    private static byte[] secret(int id, String base64) {
        try {
            boolean urlSafe = base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0;
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("join link key " + id + " is not base64");
        }
    }
}
