package io.ehrconnector.audit.writeback;

import io.ehrconnector.audit.log.AuditEntry;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.support.Failures;
import io.ehrconnector.support.configuration.KnownConfiguration;
import io.ehrconnector.support.ehr.EhrEndpoints;
import io.ehrconnector.support.ehr.LimitedBodyCodec;
import io.ehrconnector.support.keys.NoSigningKeyException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;

/**
 * One write-back, as the configuration chose ({@link ConfigurationSnapshot.EhrWriteBack}): the audit row as a FHIR AuditEvent
 * ({@link AuditEventResources}) created at the configuration's FHIR server ({@code POST [base]/AuditEvent}), or a connect or
 * disconnect as Epic's telehealth connection-status call ({@link EpicConnectionStatus}); either with a SMART Backend
 * Services token, within the rate limit. Yields the id the EHR gave the resource (null when it gives none, and for a device
 * test under the Epic call, which has no place for it), or fails with a {@link WriteBackException} saying whether trying
 * again can help.
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
    private final WriteBackSettings settings;
    private final BackendClients clients;

    EhrWriter(WriteBackHttp http, BackendTokens tokens, EhrRateLimit rateLimit, EhrConnection connection,
              WriteBackSettings settings, BackendClients clients) {
        this.http = http;
        this.tokens = tokens;
        this.rateLimit = rateLimit;
        this.connection = connection;
        this.settings = settings;
        this.clients = clients;
    }

    Uni<String> write(AuditEntry entry, KnownConfiguration configuration) {
        return switch (configuration.snapshot().ehrWriteBack()) {
            case FHIR_AUDIT_EVENT -> send(configuration, EhrEndpoints.stripSlash(configuration.fhirBaseUrl) + "/AuditEvent",
                    FHIR_JSON, Map.of("Accept", FHIR_JSON), AuditEventResources.json(entry))
                    .map(response -> resourceId(response.getHeader("Location")));
            case EPIC_CONNECTION_STATUS -> epicConnectionStatus(entry, configuration);
        };
    }

    private Uni<String> epicConnectionStatus(AuditEntry entry, KnownConfiguration configuration) {
        if (!EpicConnectionStatus.applies(entry)) {
            return Uni.createFrom().nullItem();
        }
        String url = EpicConnectionStatus.url(configuration.fhirBaseUrl, settings.epic());
        if (url == null) {
            return Uni.createFrom().failure(new WriteBackException(
                    WriteFailure.refused("not an Epic FHIR base URL (https://<instance>/api/FHIR/R4)")));
        }
        return send(configuration, url, "application/json",
                Map.of("Accept", "application/json", "Epic-Client-ID", clients.clientIdOf(configuration.environment)),
                EpicConnectionStatus.body(entry, settings.epic()))
                .replaceWith((String) null);
    }

    /** POSTs {@code body} with the configuration's token; yields a 2xx answer, else fails with whether to try again. */
    private Uni<HttpResponse<byte[]>> send(KnownConfiguration configuration, String url, String contentType,
                                           Map<String, String> headers, String body) {
        return rateLimit.permit(configuration.fhirBaseUrl)
                .flatMap(ignored -> tokens.tokenFor(configuration))
                .flatMap(token -> {
                    HttpRequest<byte[]> request = http.client().postAbs(url)
                            .putHeader("Authorization", "Bearer " + token)
                            .putHeader("Content-Type", contentType)
                            .as(BodyCodec.<byte[]>newInstance(new LimitedBodyCodec(MAX_ANSWER_BYTES)));
                    headers.forEach(request::putHeader);
                    return request.sendBuffer(Buffer.buffer(body)).ifNoItem().after(connection.requestTimeout()).fail();
                })
                .onFailure(failure -> !(failure instanceof WriteBackException)).transform(EhrWriter::transientFailure)
                .map(response -> accepted(response, configuration));
    }

    private HttpResponse<byte[]> accepted(HttpResponse<byte[]> response, KnownConfiguration configuration) {
        int status = response.statusCode();
        if (status == 200 || status == 201 || status == 204) {
            return response;
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
