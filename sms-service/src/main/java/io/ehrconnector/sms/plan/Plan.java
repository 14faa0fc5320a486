package io.ehrconnector.sms.plan;

import java.util.List;

/**
 * What one appointment event means for the texts.
 *
 * @param messages              texts to add (a text already planned for the same occasion is not added twice)
 * @param keepRemindersFor      pending reminders for another visit start than this one are withdrawn; null withdraws them all
 * @param withdrawConfirmations pending confirmations are withdrawn (a newer one replaces them, or the visit is over)
 * @param recipient             what becomes of the patient's number
 */
public record Plan(
        List<PlannedMessage> messages,
        String keepRemindersFor,
        boolean withdrawConfirmations,
        RecipientAction recipient) {

    /** What becomes of the patient's number after the event. */
    public enum RecipientAction {
        /** Keep the event's mobile number until the visit starts. */
        KEEP_UNTIL_START,
        /** Keep it only until the cancellation text is settled (an hour at most). */
        KEEP_FOR_CANCELLATION_TEXT,
        /** Erase it now. */
        ERASE
    }
}
