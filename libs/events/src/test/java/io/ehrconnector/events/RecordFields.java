package io.ehrconnector.events;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Every field of the event data records, at every depth (records inside records and lists), for contract-wide checks. */
final class RecordFields {

    /** One field: its path from the data root (e.g. {@code AppointmentEvent.patientPhones[].ciphertext}) and component. */
    record Field(String path, RecordComponent component) {
        String name() {
            return component.getName();
        }
    }

    private RecordFields() {
    }

    /** The fields of every {@link EventType}'s data record. */
    static List<Field> ofAllEventData() {
        return Arrays.stream(EventType.values()).map(EventType::dataType).distinct()
                .flatMap(type -> of(type, type.getSimpleName()).stream()).toList();
    }

    static List<Field> of(Class<?> recordType, String path) {
        List<Field> fields = new ArrayList<>();
        for (RecordComponent component : recordType.getRecordComponents()) {
            String fieldPath = path + "." + component.getName();
            fields.add(new Field(fieldPath, component));
            Class<?> valueType = valueType(component.getGenericType());
            if (valueType.isRecord()) {
                fields.addAll(of(valueType, fieldPath + (valueType == component.getType() ? "" : "[]")));
            }
        }
        return fields;
    }

    /** The class of a field's values: the element class of a list, else the field's class. */
    static Class<?> valueType(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return type instanceof Class<?> plain ? plain : Object.class;
    }
}
