package io.ehrconnector.hl7ingest.siu;

import java.util.Locale;

/**
 * Where a feed carries the appointment id that SMART launches of the same visit carry (for Epic the contact serial number,
 * CSN). Configured per deployment as an ordered list ({@code ehr.hl7.appointment-id-fields}); the first one present wins.
 */
public enum AppointmentIdField {
    /** PV1-19 visit number (CX-1): where Epic sends the CSN in SIU. */
    PV1_19,
    /** SCH-2 filler appointment id (EI-1). */
    SCH_2,
    /** SCH-1 placer appointment id (EI-1). */
    SCH_1;

    /** {@code PV1-19}, {@code SCH-2}, {@code SCH-1} (as configured and shown in messages). */
    public String label() {
        return name().replace('_', '-');
    }

    public static AppointmentIdField parse(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
