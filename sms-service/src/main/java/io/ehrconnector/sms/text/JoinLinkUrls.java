package io.ehrconnector.sms.text;

import io.ehrconnector.support.links.JoinLink;
import io.ehrconnector.support.links.JoinLinkTokens;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The one-click join link a text carries: {@code <public-url>/v/<token>}, which launch-service opens. The token names the
 * visit and stops working an hour after the visit ends (an hour after the start when the EHR gave no end).
 */
@ApplicationScoped
public class JoinLinkUrls {

    static final Duration AFTER_VISIT = Duration.ofHours(1);

    private final JoinLinkTokens tokens;
    private final String publicUrl;

    JoinLinkUrls(JoinLinkTokens tokens, @ConfigProperty(name = "ehr.connector.public-url") String publicUrl) {
        this.tokens = tokens;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public String url(String configurationId, String appointmentId, OffsetDateTime start, OffsetDateTime end) {
        OffsetDateTime visitEnd = end != null ? end : start.plus(Duration.ofHours(1));
        return publicUrl + "/v/" + tokens.mint(new JoinLink(configurationId, appointmentId,
                visitEnd.plus(AFTER_VISIT).toInstant()));
    }
}
