package io.ehrconnector.testing.standins;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The EHR stand-in's resources, as FHIR R4 JSON with a version per resource. HAPI validates that what is stored parses
 * as the resource type it claims to be; the JSON is kept as sent so tests see exactly what the connector wrote.
 */
final class FhirResourceStore {

    record Stored(String type, String id, int version, ObjectNode json) {
    }

    /** The body does not parse as the FHIR resource it should be. */
    static final class InvalidResourceException extends RuntimeException {
        InvalidResourceException(String message) {
            super(message);
        }
    }

    private final Map<String, Stored> resources = new ConcurrentHashMap<>();

    private static IParser parser() {
        return FhirContext.forR4Cached().newJsonParser();
    }

    /** Stores a resource built with HAPI's model (it must have an id); overwrites, bumping the version. */
    Stored put(IBaseResource resource) {
        String type = FhirContext.forR4Cached().getResourceType(resource);
        String id = resource.getIdElement().getIdPart();
        if (id == null) {
            throw new IllegalArgumentException("the resource needs an id");
        }
        return save(type, id, (ObjectNode) Json.parse(parser().encodeResourceToString(resource)));
    }

    Optional<Stored> get(String type, String id) {
        return Optional.ofNullable(resources.get(type + "/" + id));
    }

    <T extends IBaseResource> Optional<T> get(Class<T> type, String id) {
        String typeName = FhirContext.forR4Cached().getResourceType(type);
        return get(typeName, id).map(stored -> parser().parseResource(type, stored.json().toString()));
    }

    /** Checks that {@code json} is a {@code type} resource; answers the parsed JSON object. */
    ObjectNode validate(String type, JsonNode json) {
        if (!(json instanceof ObjectNode object) || !type.equals(object.path("resourceType").asText())) {
            throw new InvalidResourceException("the body is not a " + type + " resource");
        }
        try {
            parser().parseResource(object.toString());
        } catch (DataFormatException e) {
            throw new InvalidResourceException("the body is not valid FHIR R4: " + e.getMessage());
        }
        return object;
    }

    /** Stores {@code json} (already validated) as the next version of {@code type/id}, setting id and meta. */
    Stored save(String type, String id, ObjectNode json) {
        return resources.compute(type + "/" + id, (key, previous) -> {
            int version = previous == null ? 1 : previous.version() + 1;
            ObjectNode copy = json.deepCopy();
            copy.put("id", id);
            ObjectNode meta = copy.get("meta") instanceof ObjectNode existing ? existing : copy.putObject("meta");
            meta.put("versionId", Integer.toString(version));
            meta.put("lastUpdated", Instant.now().toString());
            return new Stored(type, id, version, copy);
        });
    }
}
