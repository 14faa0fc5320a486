package io.ehrconnector.launch.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;

import java.text.ParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a completed launch says about the visit, read only from Epic's authenticated answers (token response and verified
 * id_token), never from the launch URL, which anyone can edit.
 *
 * @param meetingKey the visit's key: {@code sessionId} (the integration record's additional parameter: the CSN, or the
 *                   conference id of a group visit), else {@code csn}, else {@code appointment}, else {@code encounter}
 * @param ehrUserId  the id_token's {@code fhirUser} (the EHR user's unique id), else its {@code sub}
 */
public record LaunchContext(String meetingKey, String ehrUserId) {

    /** Token response parameters naming the visit, in order of preference. */
    static final List<String> VISIT_PARAMETERS = List.of("sessionId", "csn", "appointment", "encounter");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9.\\-_:/]{1,200}");

    static LaunchContext read(ObjectNode tokenResponse, JWTClaimsSet idToken) {
        String meetingKey = VISIT_PARAMETERS.stream()
                .map(tokenResponse::path)
                .filter(JsonNode::isValueNode)
                .map(JsonNode::asText)
                .filter(value -> !value.isBlank())
                .findFirst()
                .orElseThrow(() -> LaunchRefused.badRequest("Epic did not name the visit", "Epic's launch did not say"
                        + " which visit this is. Ask your Epic analyst to add the additional parameter sessionId=%CSN% to"
                        + " the connector's launch record."));
        if (!SAFE_ID.matcher(meetingKey).matches()) {
            throw LaunchRefused.badRequest("Epic did not name the visit", "Epic's launch named the visit in a form the"
                    + " connector does not accept; tell your Epic analyst.");
        }
        String fhirUser;
        try {
            fhirUser = idToken.getStringClaim("fhirUser");
        } catch (ParseException e) {
            fhirUser = null;
        }
        return new LaunchContext(meetingKey, fhirUser == null || fhirUser.isBlank() ? idToken.getSubject() : fhirUser);
    }
}
