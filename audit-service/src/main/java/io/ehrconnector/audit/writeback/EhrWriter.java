package io.ehrconnector.audit.writeback;

import io.ehrconnector.audit.log.AuditEntry;
import io.ehrconnector.support.Failures;
import io.ehrconnector.support.configuration.KnownConfiguration;
import io.ehrconnector.support.ehr.EhrEndpoints;
import io.ehrconnector.support.ehr.LimitedBodyCodec;
import io.ehrconnector.support.keys.NoSigningKeyException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * One write-back: the audit row as a FHIR AuditEvent ({@link AuditEventResources}), created at the configuration's FHIR
 * server ({@code POST [base]/AuditEvent}) with a SMART Backend Services token, within the rate limit. Yields the id the EHR
 * gave it, or fails with a {@link WriteBackException} saying whether trying again can help.
 */
@ApplicationScoped
class EhrWriter {

    static final String FHIR_JSON = "application/fhir+json";
    /** Only the id of the answer is read; an OperationOutcome or the echoed resource is small. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final WriteBackHttp http;
    private final BackendTokens tokens;
    private final EhrRateLimit rateLimit;
    private final EhrConnection connection;

    EhrWriter(WriteBackHttp http, BackendTokens tokens, EhrRateLimit rateLimit, EhrConnection connection) {
        this.http = http;
        this.tokens = tokens;
        this.rateLimit = rateLimit;
        this.connection = connection;
    }

    Uni<String> write(AuditEntry entry, KnownConfiguration configuration) {
        String body = AuditEventResources.json(entry);
        return rateLimit.permit(configuration.fhirBaseUrl)
                .flatMap(ignored -> tokens.tokenFor(configuration))
                .flatMap(token -> http.client().postAbs(EhrEndpoints.stripSlash(configuration.fhirBaseUrl) + "/AuditEvent")
                        .putHeader("Authorization", "Bearer " + token)
                        .putHeader("Content-Type", FHIR_JSON)
                        .putHeader("Accept", FHIR_JSON)
                        .as(BodyCodec.<byte[]>newInstance(new LimitedBodyCodec(MAX_ANSWER_BYTES)))
                        .sendBuffer(Buffer.buffer(body))
                        .ifNoItem().after(connection.requestTimeout()).fail())
                .onFailure(failure -> !(failure instanceof WriteBackException)).transform(EhrWriter::transientFailure)
                .map(response -> answer(response, configuration));
    }

    private String answer(HttpResponse<byte[]> response, KnownConfiguration configuration) {
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            return resourceId(response.getHeader("Location"));
        }
        if (status == 401) {
            tokens.forget(configuration);
        }
        boolean retryable = status == 401 || status == 408 || status == 429 || status >= 500;
        Duration retryAfter = retryAfter(response.getHeader("Retry-After"));
        throw new WriteBackException(new WriteFailure("HTTP " + status, retryAfter, retryable));
    }

    /** {@code [base]/AuditEvent/<id>/_history/<version>} → {@code <id>}; null when the EHR sent no Location. */
    static String resourceId(String location) {
        if (location == null) {
            return null;
        }
        String[] parts = location.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if ("AuditEvent".equals(parts[i])) {
                return parts[i + 1];
            }
        }
        return null;
    }

    private static Duration retryAfter(String header) {
        if (header == null || !header.strip().matches("\\d{1,6}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(header.strip()));
    }

    private static WriteBackException transientFailure(Throwable failure) {
        if (failure instanceof NoSigningKeyException noKey) {
            // Its message says what the operator must check; it names environments and key ids, nothing secret.
            Log.error(noKey.getMessage());
            return new WriteBackException(WriteFailure.retry("no signing key"));
        }
        return new WriteBackException(WriteFailure.retry(Failures.classChain(failure)));
    }
}
