package io.ehrconnector.audit.quality;

import java.util.List;

/**
 * The call quality of one visit: every call record of its meeting, in the order the calls started, with the thresholds its
 * flags were decided with. No calls when none was reported, and for a visit of another tenant alike.
 */
public record VisitQuality(String configurationId, String appointmentId, QualityThresholds thresholds,
                           List<CallView> calls) {
}
