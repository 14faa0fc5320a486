package io.ehrconnector.launch.meeting;

/**
 * A visit's Teams meeting, shared by every participant's launch.
 *
 * @param meetingId   Graph's online meeting id
 * @param joinWebUrl  the link that opens the meeting in Teams; its {@code context} parameter names the organizer's tenant
 *                    and account, so it is not logged
 * @param organizerId object id of the account that organizes the meeting
 */
public record VisitMeeting(String meetingId, String joinWebUrl, String organizerId) {
}
