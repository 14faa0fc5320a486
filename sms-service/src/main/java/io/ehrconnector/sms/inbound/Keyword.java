package io.ehrconnector.sms.inbound;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a patient's whole reply asks for, by the US carriers' standard keywords (CTIA) and their Spanish equivalents
 * (the texts go out in Spanish too): trimmed, any case, a trailing full stop or exclamation mark ignored. Anything else
 * ("stop it please", "yes I'll be there") is not a keyword.
 */
enum Keyword {
    STOP, START, HELP,
    /** HELP asked in Spanish (AYUDA): answered with the Spanish help text. */
    HELP_SPANISH;

    private static final Map<String, Keyword> WORDS = Map.ofEntries(
            Map.entry("STOP", STOP), Map.entry("STOPALL", STOP), Map.entry("UNSUBSCRIBE", STOP), Map.entry("CANCEL", STOP),
            Map.entry("END", STOP), Map.entry("QUIT", STOP), Map.entry("PARAR", STOP), Map.entry("ALTO", STOP),
            Map.entry("START", START), Map.entry("YES", START), Map.entry("UNSTOP", START), Map.entry("COMENZAR", START),
            Map.entry("HELP", HELP), Map.entry("INFO", HELP), Map.entry("AYUDA", HELP_SPANISH));

    /** The keyword the whole message is, if it is one. */
    static Optional<Keyword> of(String message) {
        if (message == null || message.length() > 64) {
            return Optional.empty();
        }
        String word = message.strip();
        while (word.endsWith(".") || word.endsWith("!")) {
            word = word.substring(0, word.length() - 1).strip();
        }
        return Optional.ofNullable(WORDS.get(word.toUpperCase(Locale.ROOT)));
    }
}
