package io.ehrconnector.sms.dispatch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsNumbersTest {

    @Test
    void usNumbersAndUsTerritoriesPass() {
        for (String number : new String[] {"+13125550142", "+12065550100", "+17875550100", "+16715550100"}) {
            assertTrue(UsNumbers.isUs(number), number);
        }
    }

    @Test
    void otherCountriesSharingPlusOneAndMalformedNumbersDoNot() {
        for (String number : new String[] {
                "+14165550100",   // Toronto
                "+16045550100",   // Vancouver
                "+18765550100",   // Jamaica
                "+18095550100",   // Dominican Republic
                "+18005550100",   // toll-free
                "+19005550100",   // premium
                "+14115550100",   // N11 is not an area code
                "+11235550100",   // area codes do not start with 1
                "+13121550100",   // exchanges do not start with 1
                "+447700900123",  // United Kingdom
                "+1312555010",    // too short
                "13125550142",    // not E.164
        }) {
            assertFalse(UsNumbers.isUs(number), number);
        }
    }
}
