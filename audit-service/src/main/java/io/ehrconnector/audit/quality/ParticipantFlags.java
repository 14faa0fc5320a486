package io.ehrconnector.audit.quality;

import java.util.List;

/** The poor figures of one participant's media; empty lists where nothing is poor or nothing was measured. */
public record ParticipantFlags(List<Figure> audio, List<Figure> video, List<Figure> screenSharing) {

    /** Poor when any of the participant's media has a poor figure. */
    public boolean poor() {
        return !audio.isEmpty() || !video.isEmpty() || !screenSharing.isEmpty();
    }
}
