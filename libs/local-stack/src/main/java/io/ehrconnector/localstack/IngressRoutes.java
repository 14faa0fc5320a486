package io.ehrconnector.localstack;

import java.net.URI;
import java.util.List;

/**
 * The production ingress's path routing: {@code /launch}, {@code /v}, {@code /device-test}, {@code /graph} and
 * {@code /visits} to launch-service, {@code /hl7} to hl7-ingest-service, {@code /acs} (Event Grid's webhook) to
 * sms-service, {@code /audit} (the audit and report API) and {@code /reports} (the report pages) to audit-service, everything
 * else (the portal, the API, the JWK Sets, the SMART callback of the walk-through) to config-service.
 *
 * @param launch    launch-service's base URL
 * @param hl7Ingest hl7-ingest-service's base URL
 * @param sms       sms-service's base URL
 * @param audit     audit-service's base URL
 * @param config    config-service's base URL
 */
record IngressRoutes(String launch, String hl7Ingest, String sms, String audit, String config) {

    private static final List<String> LAUNCH_PATHS = List.of("/launch", "/v", "/device-test", "/graph", "/visits");
    private static final List<String> HL7_PATHS = List.of("/hl7");
    private static final List<String> SMS_PATHS = List.of("/acs");
    private static final List<String> AUDIT_PATHS = List.of("/audit", "/reports");

    /** Where a request for {@code uri} (its raw path and query) goes. */
    URI target(URI uri) {
        String path = uri.getRawPath();
        String base = under(path, LAUNCH_PATHS) ? launch : under(path, HL7_PATHS) ? hl7Ingest
                : under(path, SMS_PATHS) ? sms : under(path, AUDIT_PATHS) ? audit : config;
        return URI.create(base + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** {@code /v} covers {@code /v} and {@code /v/...}, not {@code /visits}. */
    private static boolean under(String path, List<String> prefixes) {
        return prefixes.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }
}
