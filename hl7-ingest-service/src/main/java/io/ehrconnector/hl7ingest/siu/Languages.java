package io.ehrconnector.hl7ingest.siu;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * PID-15 (primary language) to a BCP 47 language tag for SMS texts. Feeds send ISO 639-1 ({@code es}), ISO 639-2
 * ({@code SPA}), a tag with region ({@code en-US}) or only the language's English name ({@code Spanish}); anything else is
 * unknown (null) and texts use the default language.
 */
final class Languages {

    private static final Map<String, String> BY_ISO3_OR_NAME = new HashMap<>();

    static {
        for (String iso2 : Locale.getISOLanguages()) {
            Locale locale = Locale.of(iso2);
            try {
                BY_ISO3_OR_NAME.put(locale.getISO3Language().toLowerCase(Locale.ROOT), iso2);
            } catch (java.util.MissingResourceException e) {
                // no three-letter code
            }
            BY_ISO3_OR_NAME.putIfAbsent(locale.getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT), iso2);
        }
        // ISO 639-2/B codes that differ from the /T codes Java knows
        Map.of("chi", "zh", "fre", "fr", "ger", "de", "dut", "nl", "per", "fa", "cze", "cs", "gre", "el", "arm", "hy",
                "alb", "sq", "rum", "ro").forEach(BY_ISO3_OR_NAME::putIfAbsent);
    }

    private Languages() {
    }

    /** The BCP 47 tag of the first of {@code codes} that names a language, or null. */
    static String tag(String... codes) {
        for (String code : codes) {
            String tag = tagOf(code);
            if (tag != null) {
                return tag;
            }
        }
        return null;
    }

    private static String tagOf(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String value = code.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (value.matches("[a-z]{2}(-[a-z]{2})?")) {
            String language = value.substring(0, 2);
            if (!java.util.Arrays.asList(Locale.getISOLanguages()).contains(language)) {
                return null;
            }
            return value.length() == 2 ? language : language + "-" + value.substring(3).toUpperCase(Locale.ROOT);
        }
        return BY_ISO3_OR_NAME.get(value);
    }
}
