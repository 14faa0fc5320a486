package io.ehrconnector.hl7ingest.siu;

import ca.uhn.hl7v2.model.v251.datatype.XTN;
import io.ehrconnector.events.EncryptedPhone.Use;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The patient's textable numbers from PID-13 (home, repeating, with use and equipment codes) and PID-14 (business), as
 * real feeds send them: XTN-12 unformatted, XTN-5/6/7 country, area and local number, or the deprecated free-text XTN-1
 * ({@code (608)555-0123}). Only North American numbers (+1 NANP) are kept, since texts go from US numbers only; fax,
 * pager, e-mail and TTY entries are skipped. Mobile numbers come first, then the rest in message order, without repeats.
 */
final class PatientPhones {

    /** Equipment types (HL7 table 0202) that cannot receive a text. */
    private static final Set<String> NOT_TEXTABLE = Set.of("FX", "BP", "INTERNET", "X.400", "TDD", "TTY");

    private PatientPhones() {
    }

    static List<PatientPhone> of(XTN[] home, XTN[] business) {
        List<PatientPhone> found = new ArrayList<>();
        for (XTN xtn : home) {
            read(xtn, false).ifPresent(found::add);
        }
        for (XTN xtn : business) {
            read(xtn, true).ifPresent(found::add);
        }
        Map<String, PatientPhone> unique = new LinkedHashMap<>();
        found.stream().sorted(Comparator.comparing(p -> p.use() == Use.MOBILE ? 0 : 1))
                .forEach(p -> unique.putIfAbsent(p.e164(), p));
        return List.copyOf(unique.values());
    }

    private static Optional<PatientPhone> read(XTN xtn, boolean business) {
        String equipment = upper(xtn.getTelecommunicationEquipmentType().getValue());
        if (NOT_TEXTABLE.contains(equipment)) {
            return Optional.empty();
        }
        String digits = digits(xtn.getUnformattedTelephoneNumber().getValue());
        if (digits.isEmpty()) {
            digits = digits(xtn.getCountryCode().getValue()) + digits(xtn.getAreaCityCode().getValue())
                    + digits(xtn.getLocalNumber().getValue());
        }
        if (digits.isEmpty()) {
            digits = digits(xtn.getTelephoneNumber().getValue());
        }
        String e164 = nanp(digits);
        if (e164 == null) {
            return Optional.empty();
        }
        return Optional.of(new PatientPhone(use(upper(xtn.getTelecommunicationUseCode().getValue()), equipment,
                business), e164));
    }

    private static Use use(String useCode, String equipment, boolean business) {
        if (equipment.equals("CP")) {
            return Use.MOBILE;
        }
        if (business || useCode.equals("WPN")) {
            return Use.WORK;
        }
        return switch (useCode) {
            case "PRN", "ORN", "VHN", "" -> Use.HOME;
            default -> Use.OTHER;
        };
    }

    /** {@code +1NXXNXXXXXX} for a 10-digit NANP number (or 11 digits starting with 1); null otherwise. */
    static String nanp(String digits) {
        String national = digits.length() == 11 && digits.charAt(0) == '1' ? digits.substring(1) : digits;
        if (national.length() != 10 || national.charAt(0) < '2' || national.charAt(3) < '2') {
            return null;
        }
        return "+1" + national;
    }

    private static String digits(String value) {
        if (value == null) {
            return "";
        }
        // Stop at an extension ("x123", "ext"): it is not part of the number.
        String number = value.toLowerCase(Locale.ROOT).split("x|ext", 2)[0];
        return number.replaceAll("[^0-9]", "");
    }

    private static String upper(String value) {
        return value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    }
}
