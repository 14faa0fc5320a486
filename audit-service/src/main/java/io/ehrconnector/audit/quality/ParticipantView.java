package io.ehrconnector.audit.quality;

import io.ehrconnector.events.CallQualityReported.ParticipantQuality;
import io.ehrconnector.events.ParticipantPresence.Role;

import java.util.List;

/** One participant of a call as reports show it: role, opaque participant ids, and each medium's figures and flags. */
public record ParticipantView(Role role, List<String> participantIds, boolean poor, MediaView audio, MediaView video,
                              MediaView screenSharing) {

    static ParticipantView of(ParticipantQuality participant, QualityFlags flags) {
        ParticipantFlags poor = flags.of(participant);
        return new ParticipantView(participant.role(), participant.participantIds(), poor.poor(),
                MediaView.of(participant.audio(), poor.audio()), MediaView.of(participant.video(), poor.video()),
                MediaView.of(participant.screenSharing(), poor.screenSharing()));
    }
}
