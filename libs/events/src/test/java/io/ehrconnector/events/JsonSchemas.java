package io.ehrconnector.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The contract's JSON schemas as tests use them: validated with format assertions on, loaded once per test JVM. */
final class JsonSchemas {

    static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();

    private JsonSchemas() {
    }

    /** The problems {@code document} has against the schema at classpath {@code resource} (empty when it is valid). */
    static Set<ValidationMessage> validate(String resource, JsonNode document) {
        return LOADED.computeIfAbsent(resource, r -> FACTORY.getSchema(SchemaLocation.of("classpath:" + r), CONFIG))
                .validate(document);
    }

    /** The problems the schema at classpath {@code resource} has against the draft 2020-12 meta-schema. */
    static Set<ValidationMessage> validateAgainstMetaSchema(String resource) {
        return LOADED.computeIfAbsent(META_SCHEMA, m -> FACTORY.getSchema(SchemaLocation.of(m), CONFIG)).validate(tree(resource));
    }

    /** The schema at classpath {@code resource} as JSON, to inspect its keywords. */
    static JsonNode tree(String resource) {
        try (InputStream in = JsonSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema resource " + resource);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
