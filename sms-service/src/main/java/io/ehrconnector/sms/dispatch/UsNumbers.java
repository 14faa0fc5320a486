package io.ehrconnector.sms.dispatch;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether an E.164 number is a US one, the only numbers the connector's toll-free senders may text: +1 with a valid
 * North American Numbering Plan area code and exchange, not one of the area codes of Canada or of the Caribbean and Atlantic
 * countries that share +1 (US territories, e.g. Puerto Rico and Guam, count as US).
 */
public final class UsNumbers {

    private static final Pattern NANP = Pattern.compile("\\+1([2-9]\\d{2})[2-9]\\d{6}");
    private static final Set<String> NOT_US = Set.of(
            // Canada
            "204", "226", "236", "249", "250", "257", "263", "273", "289", "306", "343", "354", "365", "367", "368", "382",
            "387", "403", "416", "418", "428", "431", "437", "438", "450", "460", "468", "474", "506", "514", "519", "537",
            "548", "568", "579", "581", "584", "587", "604", "613", "622", "639", "647", "672", "683", "705", "709", "742",
            "753", "778", "780", "782", "807", "819", "825", "867", "873", "879", "902", "905", "942",
            // Caribbean and Atlantic countries in the NANP
            "242", "246", "264", "268", "284", "345", "441", "473", "649", "658", "664", "721", "758", "767", "784", "809",
            "829", "849", "868", "869", "876",
            // Non-geographic, personal, premium and toll-free codes: not a patient's handset
            "500", "521", "522", "533", "544", "566", "577", "588", "600", "700", "710", "800", "833", "844", "855", "866",
            "877", "888", "900");

    private UsNumbers() {
    }

    public static boolean isUs(String e164) {
        var matcher = NANP.matcher(e164);
        return matcher.matches() && !NOT_US.contains(matcher.group(1)) && !matcher.group(1).endsWith("11");
    }
}
