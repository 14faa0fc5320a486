package io.ehrconnector.hl7ingest.siu;

import io.ehrconnector.events.EncryptedPhone;

/** A patient phone number read from PID-13/PID-14, in E.164 (+1 NANP), before it is encrypted. Never logged. */
public record PatientPhone(EncryptedPhone.Use use, String e164) {

    @Override
    public String toString() {
        return "PatientPhone[" + use + ", ***]";
    }
}
