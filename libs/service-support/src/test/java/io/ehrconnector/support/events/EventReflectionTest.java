package io.ehrconnector.support.events;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.DeadLetter;
import io.ehrconnector.events.EventType;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventReflectionTest {

    @Test
    void everyEventClassAndEveryTypeNestedInOneIsRegistered() {
        Set<String> needed = new TreeSet<>();
        collect(CloudEvent.class, needed);
        collect(DeadLetter.class, needed);
        Arrays.stream(EventType.values()).forEach(type -> collect(type.dataType(), needed));

        Set<String> registered = new TreeSet<>();
        Arrays.stream(EventReflection.class.getAnnotation(RegisterForReflection.class).targets())
                .forEach(c -> registered.add(c.getName()));

        assertEquals(needed, registered);
    }

    /** Adds {@code type} and, for a record, the suite's own types of its components (list elements included). */
    private static void collect(Type type, Set<String> into) {
        if (type instanceof ParameterizedType parameterized) {
            Arrays.stream(parameterized.getActualTypeArguments()).forEach(t -> collect(t, into));
            return;
        }
        if (!(type instanceof Class<?> c) || !c.getName().startsWith("io.ehrconnector.") || !into.add(c.getName())) {
            return;
        }
        if (c.isRecord()) {
            for (RecordComponent component : c.getRecordComponents()) {
                collect(component.getGenericType(), into);
            }
        }
    }
}
