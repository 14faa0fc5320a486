package io.ehrconnector.hl7ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The SIU messages under src/test/resources/siu: one segment per line in the file, CR-separated as on the wire. */
public final class SiuCorpus {

    private SiuCorpus() {
    }

    public static String message(String name) {
        try (InputStream in = SiuCorpus.class.getResourceAsStream("/siu/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus message " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().replace("\n", "\r");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
