package io.ehrconnector.testing.standins;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks Azure Communication Services' access-key authentication: {@code x-ms-date} (within 15 minutes),
 * {@code x-ms-content-sha256} (the body's SHA-256), and {@code Authorization: HMAC-SHA256 SignedHeaders=...&Signature=...}
 * where the signature is HMAC-SHA256, keyed with the base64-decoded access key, over
 * {@code METHOD \n path?query \n value;value;value} of the signed headers.
 *
 * <p>The Azure SDK signs {@code host} as the URL's host without the port, while the HTTP client sends
 * {@code host:port}; both forms are accepted.
 */
final class AcsHmacAuthentication {

    private static final Pattern AUTHORIZATION = Pattern.compile("HMAC-SHA256 SignedHeaders=([^&]+)&Signature=(.+)");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(java.time.ZoneOffset.UTC);
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private final byte[] key;

    AcsHmacAuthentication(String base64AccessKey) {
        this.key = Base64.getDecoder().decode(base64AccessKey);
    }

    /** Why the request is not authentic, or empty when it is. */
    Optional<String> problem(StandInRequest request) {
        String date = request.header("x-ms-date");
        String contentHash = request.header("x-ms-content-sha256");
        String authorization = request.header("Authorization");
        if (date == null || contentHash == null || authorization == null) {
            return Optional.of("x-ms-date, x-ms-content-sha256 and Authorization are required");
        }
        try {
            Instant sent = ZonedDateTime.parse(date, HTTP_DATE).toInstant();
            if (Duration.between(sent, Instant.now()).abs().compareTo(MAX_SKEW) > 0) {
                return Optional.of("x-ms-date is more than 15 minutes off");
            }
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.of("x-ms-date is not an HTTP date");
        }
        if (!contentHash.equals(sha256(request.body()))) {
            return Optional.of("x-ms-content-sha256 does not match the body");
        }
        Matcher matcher = AUTHORIZATION.matcher(authorization);
        if (!matcher.matches()) {
            return Optional.of("Authorization is not HMAC-SHA256 SignedHeaders=...&Signature=...");
        }
        String[] signedHeaders = matcher.group(1).split(";");
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(matcher.group(2));
        } catch (IllegalArgumentException e) {
            return Optional.of("Signature is not base64");
        }
        for (String host : hostForms(request.header("Host"))) {
            List<String> values = new ArrayList<>();
            for (String header : signedHeaders) {
                values.add(header.equalsIgnoreCase("host") ? host : String.valueOf(request.header(header)));
            }
            String stringToSign = request.method() + "\n" + request.pathAndQuery() + "\n" + String.join(";", values);
            if (MessageDigest.isEqual(presented, hmac(stringToSign))) {
                return Optional.empty();
            }
        }
        return Optional.of("Signature does not verify with the access key");
    }

    private static List<String> hostForms(String hostHeader) {
        String host = String.valueOf(hostHeader);
        int colon = host.lastIndexOf(':');
        return colon > 0 && !host.endsWith("]") ? List.of(host, host.substring(0, colon)) : List.of(host);
    }

    private byte[] hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
