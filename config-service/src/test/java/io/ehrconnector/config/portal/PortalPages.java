package io.ehrconnector.config.portal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the portal tests read off its pages. */
final class PortalPages {

    private static final Pattern CONFIGURATION_ID = Pattern.compile("id=\"configuration-id\">([0-9a-f-]{36})<");

    private PortalPages() {
    }

    /** The id of the configuration a configuration page shows. */
    static String configurationIdOn(String page) {
        Matcher matcher = CONFIGURATION_ID.matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("no configuration id on the page");
        }
        return matcher.group(1);
    }
}
