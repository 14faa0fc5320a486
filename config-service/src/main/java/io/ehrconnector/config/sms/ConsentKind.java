package io.ehrconnector.config.sms;

import java.util.Locale;
import java.util.Optional;

/**
 * The two SMS consents an admin must give, each for the whole tenant, with the exact text shown in the portal and the API.
 * A changed text gets a new {@link #textVersion()}; giving a consent names the version the admin saw.
 */
public enum ConsentKind {

    /** Patients' consent to texts and opt-outs (TCPA). */
    PATIENTS("2026-01",
            "Our organisation has each patient's prior express consent to receive text messages about their appointments at"
                    + " the phone numbers in our EHR, and honours opt-outs (STOP) and other requests to stop texting as the"
                    + " Telephone Consumer Protection Act (TCPA) and our own policies require."),

    /** Texts go through Azure Communication Services from a US number, without clinical details. */
    ACS("2026-01",
            "Our organisation accepts that appointment texts are sent through Microsoft Azure Communication Services from a"
                    + " US phone number bought for us, that numbers are billed to our Azure subscription, and that message"
                    + " contents never include clinical details (only the organisation's name, the appointment time and a"
                    + " link to join the visit).");

    private final String textVersion;
    private final String text;

    ConsentKind(String textVersion, String text) {
        this.textVersion = textVersion;
        this.text = text;
    }

    public String textVersion() {
        return textVersion;
    }

    public String text() {
        return text;
    }

    /** The path segment naming this consent: {@code patients} or {@code acs}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ConsentKind> fromSlug(String slug) {
        for (ConsentKind kind : values()) {
            if (kind.slug().equalsIgnoreCase(slug)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
