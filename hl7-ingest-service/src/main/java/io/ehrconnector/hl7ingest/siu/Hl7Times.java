package io.ehrconnector.hl7ingest.siu;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HL7 v2 date/time values (DTM, and TS's first component): {@code YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]}. A value
 * with an offset keeps it; one without is read in the configuration's time zone (Epic sends local times).
 */
final class Hl7Times {

    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})?(?:\\.(\\d{1,4}))?([+-]\\d{4})?");

    private Hl7Times() {
    }

    /**
     * @return the instant, at least to the minute
     * @throws InvalidSiu with code 102 when the value is not an HL7 date/time to the minute or is not a real time
     */
    static OffsetDateTime parse(String value, ZoneId zone, String field) {
        Matcher m = DTM.matcher(value.trim());
        if (!m.matches()) {
            throw new InvalidSiu(InvalidSiu.DATA_TYPE_ERROR, field + " is not an HL7 date/time to the minute"
                    + " (YYYYMMDDHHMM[SS][+/-ZZZZ])");
        }
        try {
            int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "000000000").substring(0, 9));
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            if (m.group(8) != null) {
                return local.atOffset(ZoneOffset.of(m.group(8).substring(0, 3) + ":" + m.group(8).substring(3)));
            }
            return local.atZone(zone).toOffsetDateTime();
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new InvalidSiu(InvalidSiu.DATA_TYPE_ERROR, field + " is not a real date/time");
        }
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
