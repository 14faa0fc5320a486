package io.ehrconnector.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java records and their JSON schemas cannot drift apart: the same fields at every depth, and every enum the same
 * constants as the schema's {@code enum} (open enums, those with a {@link JsonEnumDefaultValue}, as the schema's open form).
 */
class SchemaDriftTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void recordAndSchemaOfEveryTypeAgree(EventType type) {
        assertAgree(type.dataType(), JsonSchemas.tree(type.schemaResource()), type.dataType().getSimpleName());
    }

    @Test
    void theEnvelopeSchemaDeclaresEveryCloudEventAttribute() {
        Set<String> attributes = Arrays.stream(CloudEvent.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toSet());
        assertEquals(attributes, propertyNames(JsonSchemas.tree(CloudEvent.ENVELOPE_SCHEMA_RESOURCE)));
    }

    /** {@code schema} describes exactly the components of {@code recordType}, recursively. */
    private static void assertAgree(Class<?> recordType, JsonNode schema, String path) {
        assertTrue(recordType.isRecord(), path + " is not a record");
        Set<String> components = Arrays.stream(recordType.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertEquals(components, propertyNames(schema), path + ": record components vs schema properties");
        assertTrue(components.containsAll(texts(schema.path("required"))), path + ": schema requires an unknown field");
        for (RecordComponent component : recordType.getRecordComponents()) {
            JsonNode property = schema.path("properties").path(component.getName());
            assertValueAgrees(component.getGenericType(), property, path + "." + component.getName());
        }
    }

    private static void assertValueAgrees(Type type, JsonNode property, String path) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            assertEquals("array", property.path("type").asText(), path + " is a list");
            assertValueAgrees(list.getActualTypeArguments()[0], property.path("items"), path + "[]");
        } else if (type instanceof Class<?> enumType && enumType.isEnum()) {
            assertEnumAgrees(enumType, property, path);
        } else if (type instanceof Class<?> recordType && recordType.isRecord()) {
            assertAgree(recordType, property, path);
        }
    }

    private static void assertEnumAgrees(Class<?> enumType, JsonNode property, String path) {
        Set<String> constants = Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                .collect(Collectors.toSet());
        boolean open = Arrays.stream(enumType.getFields()).anyMatch(f -> f.isAnnotationPresent(JsonEnumDefaultValue.class));
        JsonNode values = open ? property.path("anyOf").path(0).path("enum") : property.path("enum");
        assertEquals(constants, texts(values), path + ": " + enumType.getSimpleName() + " constants vs schema enum");
        assertEquals(open, property.has("anyOf"), path + ": an enum with a default value is open, and only such an enum");
    }

    private static Set<String> propertyNames(JsonNode schema) {
        Set<String> names = new HashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new HashSet<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }
}
