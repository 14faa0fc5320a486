package io.ehrconnector.events;

import io.ehrconnector.events.RecordFields.Field;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The privacy rule, as far as field names and types can show it: no names, birth dates, addresses, clinical or secret fields
 * in any event, and a phone number only as an {@link EncryptedPhone}. A reviewer adding a field that trips this test should
 * read docs/events.md, Privacy, before adding it to an allow-list.
 */
class PrivacyTest {

    private static final Pattern FORBIDDEN = Pattern.compile(
            "(?i).*(name|birth|dob|sex|gender|address|email|mrn|ssn|diagnos|reasonforvisit|note|comment|token|secret"
                    + "|password|credential|messagetext|messagebody).*");
    /** Fields whose name matches but which are no personal data: the hospital's own display name. */
    private static final Set<String> NOT_PERSONAL = Set.of("ConfigurationSnapshot.organizationName");

    @Test
    void noEventFieldLooksLikePersonalClinicalOrSecretData() {
        List<String> offending = RecordFields.ofAllEventData().stream().map(Field::path)
                .filter(path -> FORBIDDEN.matcher(path.substring(path.lastIndexOf('.') + 1)).matches())
                .filter(path -> !NOT_PERSONAL.contains(path)).toList();

        assertEquals(List.of(), offending);
    }

    @Test
    void phoneNumbersTravelOnlyEncrypted() {
        List<String> plainPhones = RecordFields.ofAllEventData().stream()
                .filter(field -> field.name().toLowerCase().matches(".*(phone|mobile|number|telecom).*"))
                .filter(field -> RecordFields.valueType(field.component().getGenericType()) != EncryptedPhone.class)
                .map(Field::path).toList();

        // the one number allowed in clear is the hospital's own sending number
        assertEquals(List.of("ConfigurationSnapshot.sms.sendingNumber"), plainPhones);
    }

    @Test
    void aboutPeopleThereAreOnlyEncryptedPhonesALanguageAndTheEhrUserId() {
        List<String> personIds = RecordFields.ofAllEventData().stream().map(Field::name)
                .filter(name -> name.toLowerCase().matches(".*(user|patient|person|member|employee).*")).distinct().toList();

        assertEquals(List.of("patientPhones", "patientLanguage", "ehrUserId"), personIds);
    }
}
