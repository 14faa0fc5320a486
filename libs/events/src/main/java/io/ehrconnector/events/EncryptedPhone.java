package io.ehrconnector.events;

import java.util.regex.Pattern;

import static io.ehrconnector.events.ContractViolation.check;
import static io.ehrconnector.events.ContractViolation.required;

/**
 * One patient phone number, encrypted field by field: the only form in which a phone number may travel on a topic. The
 * producer (hl7-ingest-service) encrypts the E.164 number with an authenticated cipher (AES-256-GCM, nonce and tag included in
 * the ciphertext) under the key {@code keyId}; the key lives in a Kubernetes Secret shared with the one consumer that may
 * decrypt (sms-service), never on the wire.
 *
 * @param use        what kind of number the EHR says it is (from the HL7 telecom use/equipment codes)
 * @param ciphertext the encrypted number, base64url without padding (RFC 4648 section 5), at least 16 bytes. The length and
 *                   alphabet rule keeps a plain number out: an E.164 number is at most 15 digits and its {@code +} is not
 *                   base64url
 * @param keyId      id of the encryption key, so keys can rotate while old events are still in flight
 */
public record EncryptedPhone(Use use, String ciphertext, String keyId) {

    /** Base64url without padding, at least 22 characters (16 bytes, the size of a GCM tag alone). */
    private static final Pattern BASE64URL_16_BYTES_OR_MORE = Pattern.compile("[A-Za-z0-9_-]{22,}");

    /** What kind of number it is; a closed set: HL7 codes that fit none of the first three map to {@link #OTHER}. */
    public enum Use { MOBILE, HOME, WORK, OTHER }

    public EncryptedPhone {
        required(use, "use");
        required(keyId, "keyId");
        check(BASE64URL_16_BYTES_OR_MORE.matcher(required(ciphertext, "ciphertext")).matches(), "ciphertext",
                "is not base64url ciphertext of at least 16 bytes");
    }
}
