package io.ehrconnector.testing.standins;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Epic's telehealth web service {@code POST /api/epic/2018/Telehealth/ContextLinking/SetExternalConnectionStatus} (also
 * under an instance prefix): a bearer token the stand-in issued, the {@code Epic-Client-ID} header, and a JSON body with
 * ConferenceID, ExternalID, ExternalIDType, VendorName and ConnectionStatus, each a non-empty string of at most 200
 * characters. Accepted calls answer 200 with an empty JSON object and are recorded; anything else is a 400 or 401 with
 * Epic's error shape ({@code {"Message": ...}}).
 */
final class EpicTelehealthEndpoint {

    static final String PATH = "/api/epic/2018/Telehealth/ContextLinking/SetExternalConnectionStatus";
    private static final List<String> FIELDS = List.of("ConferenceID", "ExternalID", "ExternalIDType", "VendorName",
            "ConnectionStatus");

    private final SmartAccessTokens tokens;
    private final List<ConnectionStatusCall> calls = new ArrayList<>();

    EpicTelehealthEndpoint(SmartAccessTokens tokens) {
        this.tokens = tokens;
    }

    StandInResponse setExternalConnectionStatus(StandInRequest request) {
        Optional<SmartAccessTokens.Grant> grant = request.bearerToken().flatMap(tokens::validate);
        if (grant.isEmpty()) {
            return StandInResponse.json(401, Map.of("Message", "Authorization has been denied for this request."));
        }
        String clientId = request.header("Epic-Client-ID");
        if (clientId == null || clientId.isBlank()) {
            return StandInResponse.json(400, Map.of("Message", "The Epic-Client-ID header is required."));
        }
        JsonNode body;
        try {
            body = request.json();
        } catch (RuntimeException e) {
            return StandInResponse.json(400, Map.of("Message", "The request body is not JSON."));
        }
        for (String field : FIELDS) {
            JsonNode value = body == null ? null : body.get(field);
            if (value == null || !value.isTextual() || value.asText().isBlank() || value.asText().length() > 200) {
                return StandInResponse.json(400, Map.of("Message", field + " is required."));
            }
        }
        ConnectionStatusCall call = new ConnectionStatusCall(request.receivedAt(), clientId, grant.get().clientId(),
                grant.get().scope(), body.get("ConferenceID").asText(), body.get("ExternalID").asText(),
                body.get("ExternalIDType").asText(), body.get("VendorName").asText(),
                body.get("ConnectionStatus").asText());
        synchronized (calls) {
            calls.add(call);
        }
        return StandInResponse.json(200, Map.of());
    }

    List<ConnectionStatusCall> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }
}
