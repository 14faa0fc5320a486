package io.ehrconnector.launch.meeting;

import io.ehrconnector.events.ConfigurationSnapshot;

/**
 * Someone is entering a visit's meeting: {@link VisitMeetings} fires it (synchronously, as a CDI event) each time it hands
 * out a meeting, created or remembered. Observers must return at once and never fail; work they start runs on its own.
 *
 * @param configuration the configuration of the visit
 * @param meetingKey    the appointment id, CSN or conference id the launch named
 * @param meeting       the visit's meeting
 */
public record VisitMeetingEntered(ConfigurationSnapshot configuration, String meetingKey, VisitMeeting meeting) {
}
