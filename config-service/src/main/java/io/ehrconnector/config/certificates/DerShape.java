package io.ehrconnector.config.certificates;

/**
 * What an ASN.1 DER (or BER) structure is, told from its first few headers without parsing it, so that a private key or a key
 * store is recognised as such (and refused with its own message) whatever it was labelled or sent as. Only the outer
 * {@code SEQUENCE} and its first two children are looked at:
 * <pre>
 *   Certificate             SEQUENCE { SEQUENCE tbs, SEQUENCE algorithm, BIT STRING signature }        (also CSRs and CRLs)
 *   PKCS#8 PrivateKeyInfo   SEQUENCE { INTEGER 0|1, SEQUENCE algorithm, OCTET STRING key, ... }
 *   EncryptedPrivateKeyInfo SEQUENCE { SEQUENCE algorithm, OCTET STRING encrypted }
 *   PKCS#1 RSAPrivateKey    SEQUENCE { INTEGER 0|1, INTEGER n, INTEGER e, INTEGER d, ... }
 *   SEC1 ECPrivateKey       SEQUENCE { INTEGER 1, OCTET STRING key, [0] parameters, [1] public key }
 *   OpenSSL DSA private key SEQUENCE { INTEGER 0, INTEGER p, INTEGER q, INTEGER g, INTEGER y, INTEGER x }
 *   PKCS#12 PFX             SEQUENCE { INTEGER 3, SEQUENCE authSafe (ContentInfo), SEQUENCE macData }
 *   SubjectPublicKeyInfo    SEQUENCE { SEQUENCE algorithm, BIT STRING key }
 *   PKCS#7 / CMS            SEQUENCE { OBJECT IDENTIFIER contentType, [0] content }
 * </pre>
 * Java key stores (JKS, JCEKS) are recognised by their magic number. A truncated structure is still classified as far as its
 * bytes go: a cut-off private key is a private key.
 */
enum DerShape {

    /** Shaped like a certificate; whether it is one is for the X.509 parser to say. */
    CERTIFICATE_LIKE,
    /** A private key, plain or encrypted, in any of the forms above. */
    PRIVATE_KEY,
    /** A PKCS#12 / PFX file or a Java key store: containers that normally hold a private key. */
    KEY_STORE,
    /** A bare public key without a certificate. */
    PUBLIC_KEY,
    /** A PKCS#7 / CMS structure (e.g. a {@code .p7b} certificate bundle). */
    PKCS7,
    /** Anything else. */
    OTHER;

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int BIT_STRING = 0x03;
    private static final int OCTET_STRING = 0x04;
    private static final int OBJECT_IDENTIFIER = 0x06;
    private static final int JKS_MAGIC = 0xFEEDFEED;
    private static final int JCEKS_MAGIC = 0xCECECECE;

    static DerShape of(byte[] bytes) {
        if (bytes.length >= 4) {
            int magic = ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
            if (magic == JKS_MAGIC || magic == JCEKS_MAGIC) {
                return KEY_STORE;
            }
        }
        Header outer = Header.at(bytes, 0);
        if (outer == null || outer.tag != SEQUENCE) {
            return OTHER;
        }
        Header first = Header.at(bytes, outer.contentStart);
        if (first == null) {
            return OTHER;
        }
        Header second = first.length < 0 ? null : Header.at(bytes, first.end());
        int secondTag = second == null ? -1 : second.tag;
        return switch (first.tag) {
            case INTEGER -> {
                int version = first.smallValue(bytes);
                if (version == 3 && secondTag == SEQUENCE) {
                    yield KEY_STORE;
                }
                if (version == 0 || version == 1) {
                    yield PRIVATE_KEY;
                }
                // SEQUENCE { INTEGER n, INTEGER e }: a PKCS#1 RSA public key.
                yield secondTag == INTEGER ? PUBLIC_KEY : OTHER;
            }
            case SEQUENCE -> switch (secondTag) {
                case OCTET_STRING -> PRIVATE_KEY;
                case BIT_STRING -> PUBLIC_KEY;
                case SEQUENCE -> CERTIFICATE_LIKE;
                default -> OTHER;
            };
            case OBJECT_IDENTIFIER -> PKCS7;
            default -> OTHER;
        };
    }

    /** True when {@code bytes} is exactly one definite-length DER value, without anything after it. */
    static boolean isSingleValue(byte[] bytes) {
        Header outer = Header.at(bytes, 0);
        return outer != null && outer.length >= 0 && outer.end() == bytes.length;
    }

    /** One tag-length header (single-byte tags only; length -1 when indefinite). */
    private record Header(int tag, long length, int contentStart) {

        static Header at(byte[] bytes, long position) {
            if (position < 0 || position + 2 > bytes.length) {
                return null;
            }
            int at = (int) position;
            int tag = bytes[at] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                return null;
            }
            int first = bytes[at + 1] & 0xFF;
            if (first < 0x80) {
                return new Header(tag, first, at + 2);
            }
            if (first == 0x80) {
                return new Header(tag, -1, at + 2);
            }
            int count = first & 0x7F;
            if (count > 4 || at + 2 + count > bytes.length) {
                return null;
            }
            long length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (bytes[at + 2 + i] & 0xFF);
            }
            return new Header(tag, length, at + 2 + count);
        }

        long end() {
            return contentStart + length;
        }

        /** The value of a short INTEGER (up to two bytes), or -1 for a longer one or one cut off. */
        int smallValue(byte[] bytes) {
            if (length < 1 || length > 2 || contentStart + length > bytes.length) {
                return -1;
            }
            int value = 0;
            for (int i = 0; i < length; i++) {
                value = (value << 8) | (bytes[contentStart + i] & 0xFF);
            }
            return value;
        }
    }
}
