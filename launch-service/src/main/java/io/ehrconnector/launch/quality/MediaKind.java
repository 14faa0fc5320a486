package io.ehrconnector.launch.quality;

import java.util.Locale;

/**
 * The kinds of media a call quality report tells apart, from the {@code label} Graph gives a call record's media (how the
 * media was named in negotiation: {@code main-audio}, {@code main-video}, {@code applicationsharing-video}, ...).
 */
enum MediaKind {
    AUDIO,
    VIDEO,
    SCREEN_SHARING;

    /** The kind a label names, or null for media that is none of them (e.g. {@code data}). */
    static MediaKind ofLabel(String label) {
        if (label == null) {
            return null;
        }
        String lower = label.toLowerCase(Locale.ROOT);
        // Screen sharing is sent as video ("applicationsharing-video"), so it is told apart first.
        if (lower.contains("applicationsharing") || lower.contains("screen")) {
            return SCREEN_SHARING;
        }
        if (lower.contains("audio")) {
            return AUDIO;
        }
        if (lower.contains("video")) {
            return VIDEO;
        }
        return null;
    }

    /** Frame rates mean something for pictures only. */
    boolean hasFrames() {
        return this != AUDIO;
    }
}
