package io.ehrconnector.config.sms;

import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.support.problem.ProblemException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * 409 {@code sms-would-stop}: the change would stop texts that are being sent, and the request did not say
 * {@code confirm=true}. Nothing was changed. Besides the usual problem members the answer carries {@code stops}: the
 * {@link StoppedSms} list (which URLs, which texts), see {@link SmsResource}.
 */
class SmsWouldStop extends ProblemException {

    private final transient List<StoppedSms> stops;

    SmsWouldStop(String change, List<StoppedSms> stops) {
        super(Problem.of(409, "sms-would-stop", "This change would stop SMS",
                "This change (" + change + ") would stop texts that are being sent now. "
                        + stops.stream().map(StoppedSms::summary).collect(Collectors.joining(" "))
                        + " Nothing was changed. To apply it anyway, repeat the request with confirm=true."));
        this.stops = List.copyOf(stops);
    }

    List<StoppedSms> stops() {
        return stops;
    }
}
