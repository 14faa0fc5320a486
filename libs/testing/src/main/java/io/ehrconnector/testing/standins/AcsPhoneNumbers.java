package io.ehrconnector.testing.standins;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * ACS phone number administration as long-running operations: search available numbers
 * ({@code POST /availablePhoneNumbers/countries/{cc}/:search} → 202 + {@code operation-location}), poll
 * {@code GET /phoneNumbers/operations/{id}} (running for a configurable number of polls, then succeeded), read the
 * search result, purchase it, list / get / release purchased numbers. Numbers are from the fictional 555-01xx range.
 */
final class AcsPhoneNumbers {

    /** One long-running operation; {@code onSuccess} runs once, when it first reports succeeded. */
    private static final class Operation {
        final String id;
        final String type;
        final String resourceLocation;
        final Instant created = Instant.now();
        int pollsLeft;
        Runnable onSuccess;

        Operation(String id, String type, String resourceLocation, int polls, Runnable onSuccess) {
            this.id = id;
            this.type = type;
            this.resourceLocation = resourceLocation;
            this.pollsLeft = polls;
            this.onSuccess = onSuccess;
        }
    }

    private final Supplier<String> endpoint;
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> searches = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> purchased = new ConcurrentHashMap<>();
    private volatile int pollsBeforeDone = 1;
    private int nextNumber;

    AcsPhoneNumbers(Supplier<String> endpoint) {
        this.endpoint = endpoint;
    }

    void pollsBeforeDone(int polls) {
        this.pollsBeforeDone = polls;
    }

    List<String> purchasedNumbers() {
        return purchased.keySet().stream().sorted().toList();
    }

    /** Adds an already owned number (e.g. the sender configured in the local stack). */
    void own(String phoneNumber, String type) {
        purchased.put(phoneNumber, purchasedNumber(phoneNumber, "US", type, "application",
                Map.of("calling", "none", "sms", "inbound+outbound")));
    }

    StandInResponse search(StandInRequest request) {
        String country = request.pathParam(0);
        JsonNode body = request.json();
        String type = body.path("phoneNumberType").asText("");
        String assignment = body.path("assignmentType").asText("");
        if (type.isEmpty() || assignment.isEmpty() || !body.path("capabilities").isObject()) {
            return AcsErrors.error(400, "BadRequest", "phoneNumberType, assignmentType and capabilities are required.");
        }
        String areaCode = body.path("areaCode").asText(type.equals("tollFree") ? "833" : "425");
        int quantity = Math.max(1, body.path("quantity").asInt(1));
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < quantity; i++) {
            numbers.add(fictionalNumber(areaCode));
        }
        String searchId = RandomIds.uuid();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("searchId", searchId);
        result.put("phoneNumbers", numbers);
        result.put("phoneNumberType", type);
        result.put("assignmentType", assignment);
        result.put("capabilities", Json.toMap(body.path("capabilities")));
        result.put("cost", Map.of("amount", 2.0, "currencyCode", "USD", "billingFrequency", "monthly"));
        result.put("searchExpiresBy", Instant.now().plus(Duration.ofMinutes(15)).toString());
        result.put("countryCode", country);
        searches.put(searchId, result);
        Operation operation = start("search_" + searchId, "search",
                "/availablePhoneNumbers/searchResults/" + searchId + apiVersion(request), () -> { });
        return accepted(operation, request).withHeader("search-id", searchId)
                .withHeader("Location", endpoint.get() + operation.resourceLocation);
    }

    StandInResponse searchResult(StandInRequest request) {
        Map<String, Object> result = searches.get(request.pathParam(0));
        if (result == null) {
            return AcsErrors.error(404, "NotFound", "Search not found.");
        }
        Map<String, Object> body = new LinkedHashMap<>(result);
        body.remove("countryCode");
        return StandInResponse.json(200, body);
    }

    StandInResponse purchase(StandInRequest request) {
        String searchId = request.json().path("searchId").asText("");
        Map<String, Object> search = searches.get(searchId);
        if (search == null) {
            return AcsErrors.error(404, "NotFound", "Search not found or expired.");
        }
        Operation operation = start("purchase_" + searchId, "purchase", null, () -> buy(search));
        return accepted(operation, request).withHeader("purchase-id", searchId);
    }

    StandInResponse operation(StandInRequest request) {
        Operation operation = operations.get(request.pathParam(0));
        if (operation == null) {
            return AcsErrors.error(404, "NotFound", "Operation not found.");
        }
        String status;
        synchronized (operation) {
            if (operation.pollsLeft > 0) {
                operation.pollsLeft--;
                status = "running";
            } else {
                status = "succeeded";
                operation.onSuccess.run();
                operation.onSuccess = () -> { };
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("operationType", operation.type);
        body.put("status", status);
        body.put("resourceLocation", operation.resourceLocation);
        body.put("createdDateTime", operation.created.toString());
        body.put("id", operation.id);
        body.put("lastActionDateTime", Instant.now().toString());
        body.values().removeIf(java.util.Objects::isNull);
        StandInResponse response = StandInResponse.json(200, body);
        if ("running".equals(status)) {
            response = response.withHeader("Retry-After", "0");
        }
        return operation.resourceLocation == null ? response
                : response.withHeader("Location", endpoint.get() + operation.resourceLocation);
    }

    StandInResponse list(StandInRequest request) {
        return StandInResponse.json(200, Map.of("phoneNumbers", purchased.values().stream()
                .sorted(java.util.Comparator.comparing(n -> String.valueOf(n.get("phoneNumber")))).toList()));
    }

    StandInResponse get(StandInRequest request) {
        Map<String, Object> number = purchased.get(request.pathParam(0));
        return number == null ? AcsErrors.error(404, "NotFound", "Phone number not found.") : StandInResponse.json(200, number);
    }

    StandInResponse release(StandInRequest request) {
        String phoneNumber = request.pathParam(0);
        if (!purchased.containsKey(phoneNumber)) {
            return AcsErrors.error(404, "NotFound", "Phone number not found.");
        }
        String releaseId = RandomIds.uuid();
        Operation operation = start("release_" + releaseId, "releasePhoneNumber", null, () -> purchased.remove(phoneNumber));
        return accepted(operation, request).withHeader("release-id", releaseId);
    }

    private Operation start(String id, String type, String resourceLocation, Runnable onSuccess) {
        Operation operation = new Operation(id, type, resourceLocation, pollsBeforeDone, onSuccess);
        operations.put(id, operation);
        return operation;
    }

    private StandInResponse accepted(Operation operation, StandInRequest request) {
        return StandInResponse.empty(202)
                .withHeader("operation-location", endpoint.get() + "/phoneNumbers/operations/" + operation.id + apiVersion(request))
                .withHeader("operation-id", operation.id);
    }

    private void buy(Map<String, Object> search) {
        @SuppressWarnings("unchecked")
        List<String> numbers = (List<String>) search.get("phoneNumbers");
        @SuppressWarnings("unchecked")
        Map<String, Object> capabilities = (Map<String, Object>) search.get("capabilities");
        for (String number : numbers) {
            purchased.put(number, purchasedNumber(number, (String) search.get("countryCode"),
                    (String) search.get("phoneNumberType"), (String) search.get("assignmentType"), capabilities));
        }
    }

    private static Map<String, Object> purchasedNumber(String number, String country, String type, String assignment,
                                                       Map<String, Object> capabilities) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", number.substring(1));
        json.put("phoneNumber", number);
        json.put("countryCode", country);
        json.put("phoneNumberType", type);
        json.put("capabilities", capabilities);
        json.put("assignmentType", assignment);
        json.put("purchaseDate", Instant.now().toString());
        json.put("cost", Map.of("amount", 2.0, "currencyCode", "USD", "billingFrequency", "monthly"));
        return json;
    }

    /** +1 AAA 555 01NN: reserved for fiction, so never a real person's number. */
    private synchronized String fictionalNumber(String areaCode) {
        for (int attempts = 0; attempts < 100; attempts++) {
            String candidate = "+1" + areaCode + "55501" + String.format("%02d", nextNumber++ % 100);
            if (!purchased.containsKey(candidate)) {
                return candidate;
            }
        }
        throw AcsErrors.early(400, "NoNumbersAvailable", "No more fictional numbers for area code " + areaCode);
    }

    private static String apiVersion(StandInRequest request) {
        String version = request.queryParam("api-version");
        return version == null ? "" : "?api-version=" + version;
    }
}
