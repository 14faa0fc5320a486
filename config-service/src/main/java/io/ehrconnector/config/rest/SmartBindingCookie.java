package io.ehrconnector.config.rest;

import io.ehrconnector.config.config.PublicUrl;
import jakarta.ws.rs.core.NewCookie;

/**
 * The cookie that binds a SMART sign-in to the browser that started it: set when the sign-in starts (API or portal), sent
 * back only to the callback path, cleared by the callback.
 */
public final class SmartBindingCookie {

    public static final String NAME = "ehr_smart_binding";
    static final String PATH = "/api/v1/smart";
    private static final int LIFETIME_SECONDS = 600;

    private SmartBindingCookie() {
    }

    public static NewCookie of(String value, PublicUrl publicUrl) {
        return new NewCookie.Builder(NAME).value(value).path(PATH).httpOnly(true)
                .secure(publicUrl.https())
                .sameSite(NewCookie.SameSite.LAX).maxAge(LIFETIME_SECONDS).build();
    }

    static NewCookie cleared() {
        return new NewCookie.Builder(NAME).value("").path(PATH).maxAge(0).build();
    }

    /** Where Epic sends the browser back: the same for the API and the portal, and registered with the Epic app. */
    public static String callbackUri(PublicUrl publicUrl) {
        return publicUrl.at(SmartValidationResource.CALLBACK_PATH).toString();
    }
}
