package io.ehrconnector.launch.presence;

/**
 * One participant of a meeting call as a roster notification names it.
 *
 * @param graphParticipantId Graph's id of the participant in the call: one per join, so a rejoin is a new participant
 * @param identity           who it is
 */
record CallParticipant(String graphParticipantId, CallIdentity identity) {
}
