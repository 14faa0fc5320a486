package io.ehrconnector.testing.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * FHIR R4 REST interactions of the EHR stand-in: read any stored resource; create (POST, e.g. AuditEvent), update
 * (PUT) and JSON Patch (PATCH, e.g. Encounter). Every interaction needs a bearer token the stand-in issued (401 with
 * {@code WWW-Authenticate} otherwise), and may be made to fail on purpose for retry tests.
 */
final class FhirRestEndpoints {

    static final String FHIR_JSON = "application/fhir+json; charset=utf-8";

    private final EhrUrls urls;
    private final FhirResourceStore store;
    private final SmartAccessTokens tokens;
    private final FailureInjector failures;
    /** Not copy-on-write: the audit benchmark records tens of thousands of writes. */
    private final List<FhirWrite> writes = new ArrayList<>();

    FhirRestEndpoints(EhrUrls urls, FhirResourceStore store, SmartAccessTokens tokens, FailureInjector failures) {
        this.urls = urls;
        this.store = store;
        this.tokens = tokens;
        this.failures = failures;
    }

    List<FhirWrite> writes() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    StandInResponse read(StandInRequest request) {
        admit(request);
        String type = request.pathParam(0);
        String id = request.pathParam(1);
        return store.get(type, id)
                .map(stored -> resourceResponse(200, stored))
                .orElseGet(() -> outcome(404, "not-found", type + "/" + id + " is not known"));
    }

    StandInResponse create(StandInRequest request) {
        admit(request);
        String type = request.pathParam(0);
        ObjectNode json = validated(type, request);
        FhirResourceStore.Stored stored = store.save(type, RandomIds.uuid(), json);
        record(request, "create", stored);
        return resourceResponse(201, stored).withHeader("Location", location(stored));
    }

    StandInResponse update(StandInRequest request) {
        admit(request);
        String type = request.pathParam(0);
        String id = request.pathParam(1);
        ObjectNode json = validated(type, request);
        if (!id.equals(json.path("id").asText())) {
            return outcome(400, "invalid", "the resource id must equal the id in the URL");
        }
        boolean created = store.get(type, id).isEmpty();
        FhirResourceStore.Stored stored = store.save(type, id, json);
        record(request, "update", stored);
        return resourceResponse(created ? 201 : 200, stored).withHeader("Location", location(stored));
    }

    StandInResponse patch(StandInRequest request) {
        admit(request);
        String type = request.pathParam(0);
        String id = request.pathParam(1);
        String contentType = String.valueOf(request.header("Content-Type"));
        if (!contentType.startsWith("application/json-patch+json")) {
            return outcome(415, "not-supported", "PATCH accepts application/json-patch+json");
        }
        var existing = store.get(type, id);
        if (existing.isEmpty()) {
            return outcome(404, "not-found", type + "/" + id + " is not known");
        }
        JsonNode patched;
        try {
            patched = JsonPatch.apply(existing.get().json(), request.json());
        } catch (JsonPatch.PatchException e) {
            return outcome(422, "processing", e.getMessage());
        }
        FhirResourceStore.Stored stored = store.save(type, id, store.validate(type, patched));
        record(request, "patch", stored);
        return resourceResponse(200, stored).withHeader("Location", location(stored));
    }

    /** Failure injection first (the EHR is down), then the bearer token. */
    private void admit(StandInRequest request) {
        OptionalInt failure = failures.next();
        if (failure.isPresent()) {
            throw new EarlyResponse(outcome(failure.getAsInt(), "transient", "The EHR is temporarily unavailable")
                    .withHeader("Retry-After", "1"));
        }
        boolean authorized = request.bearerToken().flatMap(tokens::validate).isPresent();
        if (!authorized) {
            String challenge = request.bearerToken().isPresent()
                    ? "Bearer realm=\"%s\", error=\"invalid_token\", error_description=\"The access token is invalid or expired\""
                    : "Bearer realm=\"%s\"";
            throw new EarlyResponse(outcome(401, "login", "A valid bearer token is required")
                    .withHeader("WWW-Authenticate", challenge.formatted(urls.fhirBase())));
        }
    }

    private ObjectNode validated(String type, StandInRequest request) {
        try {
            return store.validate(type, request.json());
        } catch (FhirResourceStore.InvalidResourceException e) {
            throw new EarlyResponse(outcome(400, "invalid", e.getMessage()));
        }
    }

    private void record(StandInRequest request, String interaction, FhirResourceStore.Stored stored) {
        FhirWrite write = new FhirWrite(request.receivedAt(), interaction, stored.type(), stored.id(), stored.version(),
                request.bodyText());
        synchronized (writes) {
            writes.add(write);
        }
    }

    private String location(FhirResourceStore.Stored stored) {
        return urls.fhirBase() + "/" + stored.type() + "/" + stored.id() + "/_history/" + stored.version();
    }

    private static StandInResponse resourceResponse(int status, FhirResourceStore.Stored stored) {
        return StandInResponse.json(status, stored.json(), FHIR_JSON).withHeader("ETag", "W/\"" + stored.version() + "\"");
    }

    static StandInResponse outcome(int status, String code, String diagnostics) {
        return StandInResponse.json(status, Map.of("resourceType", "OperationOutcome",
                "issue", List.of(Map.of("severity", "error", "code", code, "diagnostics", diagnostics))), FHIR_JSON);
    }
}
