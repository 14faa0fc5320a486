package io.ehrconnector.events;

import io.ehrconnector.events.RecordFields.Field;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The privacy rule, as far as field names and types can show it: no names, birth dates, addresses, clinical or secret fields
 * in any event, and a phone number only as an {@link EncryptedPhone}. Whoever adds a field that trips this test should read
 * docs/events.md, Privacy, before adding it to an allow-list here.
 */
class PrivacyTest {

    /** Words that, in a field name, announce personal, clinical or secret data. */
    private static final Set<String> FORBIDDEN_WORDS = Set.of("name", "birth", "dob", "sex", "gender", "address", "email",
            "mrn", "ssn", "diagnosis", "problem", "note", "notes", "comment", "token", "secret", "password", "credential",
            "text", "body", "private");
    /** Words that announce a phone number. */
    private static final Set<String> PHONE_WORDS = Set.of("phone", "phones", "mobile", "number", "numbers", "telecom", "msisdn");
    /** Words that announce data about a person. */
    private static final Set<String> PERSON_WORDS = Set.of("user", "patient", "person", "member", "employee");

    @Test
    void noEventFieldLooksLikePersonalClinicalOrSecretData() {
        // allowed: the hospital's own display name, and the connector's private keys sealed under a master key that is
        // never on the wire (only services deployed with that secret can open them)
        assertEquals(List.of("ConfigurationSnapshot.organizationName", "ConnectorKeyRing.keys[].sealedPrivateKey"),
                fieldsNamedWith(FORBIDDEN_WORDS));
    }

    @Test
    void phoneNumbersTravelOnlyEncrypted() {
        List<String> plainPhones = RecordFields.ofAllEventData().stream()
                .filter(field -> !Collections.disjoint(words(field.name()), PHONE_WORDS))
                .filter(field -> RecordFields.valueType(field.component().getGenericType()) != EncryptedPhone.class)
                .map(Field::path).toList();

        // the one number allowed in clear: the hospital's own sending number
        assertEquals(List.of("ConfigurationSnapshot.sms.sendingNumber"), plainPhones);
    }

    @Test
    void aboutPeopleThereAreOnlyEncryptedPhonesALanguageAndTheEhrUserId() {
        List<String> names = fieldsNamedWith(PERSON_WORDS).stream().map(path -> path.substring(path.lastIndexOf('.') + 1))
                .distinct().toList();

        assertEquals(List.of("patientPhones", "patientLanguage", "ehrUserId"), names);
    }

    private static List<String> fieldsNamedWith(Set<String> wanted) {
        return RecordFields.ofAllEventData().stream().filter(field -> !Collections.disjoint(words(field.name()), wanted))
                .map(Field::path).toList();
    }

    /** The lower-case words of a camelCase name: {@code patientPhones} is patient, phones; {@code microphone} one word. */
    private static List<String> words(String camelCase) {
        return Arrays.stream(camelCase.split("(?=[A-Z])")).map(String::toLowerCase).toList();
    }
}
