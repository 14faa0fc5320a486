package io.ehrconnector.launch.devicetest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.ehrconnector.support.problem.ProblemException;
import io.ehrconnector.support.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.BadRequestException;

import java.io.IOException;
import java.util.Set;

/**
 * Reads a {@link DeviceTestReport} strictly: a bounded body, exact enum names (no numbers, no other case), no unknown or
 * repeated fields, nothing after the object. Every refusal becomes problem details through service-support's mappers.
 */
@ApplicationScoped
class DeviceTestReportReader {

    /** A complete report with an appointment id is about 150 bytes. */
    static final int MAX_BYTES = 1024;

    private final ObjectReader reader;
    private final Validator validator;

    DeviceTestReportReader(ObjectMapper mapper, Validator validator) {
        this.reader = mapper.readerFor(DeviceTestReport.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.validator = validator;
    }

    DeviceTestReport read(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw ProblemException.of(413, "report-too-large", "Report too large",
                    "A device-test report has at most " + MAX_BYTES + " bytes: the four outcomes and an appointment id.");
        }
        DeviceTestReport report = parse(body);
        Set<ConstraintViolation<DeviceTestReport>> violations = validator.validate(report);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return report;
    }

    private DeviceTestReport parse(byte[] body) {
        try {
            DeviceTestReport report = reader.readValue(body);
            if (report == null) {
                throw ProblemException.badRequest(ProblemType.INVALID_BODY, "Invalid request body",
                        "Send the report as a JSON object.");
            }
            return report;
        } catch (IOException e) {
            // service-support maps a 400 caused by Jackson to malformed-body / invalid-body without quoting the input.
            throw new BadRequestException(e);
        }
    }
}
