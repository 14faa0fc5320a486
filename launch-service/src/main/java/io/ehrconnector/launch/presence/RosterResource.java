package io.ehrconnector.launch.presence;

/**
 * The Graph subscription resource for a meeting's call events (call started, call ended, roster updated), as Microsoft
 * documents it for Teams meeting call updates: {@code /communications/onlineMeetings/?$filter=JoinWebUrl eq '{joinWebUrl}'}.
 * Its notifications without encrypted resource data carry each join and exit with Graph's participant id, the identity and
 * the time, which is all presence needs; see docs/architecture.md (presence) for why this resource.
 */
final class RosterResource {

    private RosterResource() {
    }

    /** The resource for the meeting with {@code joinWebUrl}; a quote in it is doubled, as OData string literals want. */
    static String of(String joinWebUrl) {
        return "/communications/onlineMeetings/?$filter=JoinWebUrl eq '" + joinWebUrl.replace("'", "''") + "'";
    }
}
