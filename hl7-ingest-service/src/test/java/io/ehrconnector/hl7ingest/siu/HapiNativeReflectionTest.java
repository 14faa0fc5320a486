package io.ehrconnector.hl7ingest.siu;

import ca.uhn.hl7v2.model.v251.message.SIU_S12;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native image's reflection list for HAPI (src/main/resources/hapi-reflection-config.json) names exactly the 2.5.1
 * classes HAPI instantiates by reflection for what this service reads and answers: SIU_S12 and its groups, every segment
 * and data type, ACK. A HAPI upgrade that adds or renames one fails here, with the list to put in the file.
 */
class HapiNativeReflectionTest {

    private static final Pattern NEEDED = Pattern.compile("ca/uhn/hl7v2/model/v251/(segment/\\w+|datatype/\\w+"
            + "|group/SIU_S12_\\w+|message/SIU_S12|message/ACK)\\.class");

    @Test
    void theListNamesEveryModelClassHapiInstantiates() throws Exception {
        Set<String> inJar = new TreeSet<>();
        Path jar = Path.of(SIU_S12.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile file = new JarFile(jar.toFile())) {
            Collections.list(file.entries()).stream().map(e -> e.getName())
                    .filter(name -> NEEDED.matcher(name).matches() && !name.contains("$"))
                    .forEach(name -> inJar.add(name.substring(0, name.length() - ".class".length()).replace('/', '.')));
        }
        Set<String> listed;
        try (InputStream in = getClass().getResourceAsStream("/hapi-reflection-config.json")) {
            JsonNode entries = new ObjectMapper().readTree(in);
            listed = StreamSupport.stream(entries.spliterator(), false).map(e -> e.get("name").asText())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertTrue(inJar.size() > 200, "the scan found the model classes: " + inJar.size());
        assertEquals(inJar, listed, "hapi-reflection-config.json is out of date; it should name: " + inJar);
    }
}
