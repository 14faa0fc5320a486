package io.ehrconnector.config.sms;

import java.util.regex.Pattern;

/**
 * US numbers in E.164: {@code +1}, a NANP area code (2-9, then two digits) and a NANP exchange (2-9, then two digits),
 * then four digits, e.g. {@code +18335550142}. SMS is US only; every other country code is refused.
 */
final class UsPhoneNumbers {

    private static final Pattern NANP_E164 = Pattern.compile("\\+1[2-9][0-9]{2}[2-9][0-9]{6}");

    private UsPhoneNumbers() {
    }

    static boolean valid(String e164) {
        return e164 != null && NANP_E164.matcher(e164).matches();
    }

    static final String RULE = "SMS is available for US numbers only: enter the number in E.164 form, +1 and ten digits"
            + " (e.g. +18335550142).";
}
