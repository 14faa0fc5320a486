package io.ehrconnector.hl7ingest.siu;

/**
 * The MSH fields the connector answers and deduplicates with.
 *
 * @param sendingApplication MSH-3.1, null when empty
 * @param sendingFacility    MSH-4.1, null when empty
 * @param receivingApplication MSH-5.1, null when empty; names the configuration when a sender serves several
 * @param controlId          MSH-10, the sender's id of this message
 * @param version            MSH-12.1
 * @param acceptAckType      MSH-15 (enhanced mode: AL, NE, ER, SU), null in original mode
 * @param applicationAckType MSH-16, null in original mode
 */
public record SiuHeader(String sendingApplication, String sendingFacility, String receivingApplication, String controlId, String version,
                        String acceptAckType, String applicationAckType) {
}
