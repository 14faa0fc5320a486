package io.ehrconnector.hl7ingest.siu;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.v251.datatype.PL;
import ca.uhn.hl7v2.model.v251.datatype.XCN;
import ca.uhn.hl7v2.model.v251.message.SIU_S12;
import ca.uhn.hl7v2.model.v251.segment.AIL;
import ca.uhn.hl7v2.model.v251.segment.AIP;
import ca.uhn.hl7v2.model.v251.segment.AIS;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.PV1;
import ca.uhn.hl7v2.model.v251.segment.SCH;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.ehrconnector.events.AppointmentEvent.Status;
import io.ehrconnector.events.EventType;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads SIU S12, S13, S14, S15, S17 and S26 messages of HL7 v2.3 to v2.5.1 with HAPI: every version into the 2.5.1 model
 * (HAPI's canonical model class factory) and every SIU trigger into the SIU_S12 structure; without HAPI's field validation
 * (real feeds break it in harmless ways: phone formats, lengths) but with the checks the connector needs, each failing as an {@link InvalidSiu} with its HL7 error
 * code. Z-segments and unknown fields are ignored; escape sequences are decoded by HAPI. Thread-safe.
 */
public final class SiuReader {

    static final Set<String> VERSIONS = Set.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1");
    private static final Map<String, EventType> TRIGGERS = Map.of(
            "S12", EventType.APPOINTMENT_SCHEDULED,
            "S13", EventType.APPOINTMENT_RESCHEDULED,
            "S14", EventType.APPOINTMENT_UPDATED,
            "S15", EventType.APPOINTMENT_CANCELLED,
            "S17", EventType.APPOINTMENT_DELETED,
            "S26", EventType.APPOINTMENT_NO_SHOW);
    /** Filler status when SCH-25 is empty: what the trigger itself says. */
    private static final Map<EventType, Status> STATUS_OF_TRIGGER = Map.of(
            EventType.APPOINTMENT_SCHEDULED, Status.BOOKED,
            EventType.APPOINTMENT_RESCHEDULED, Status.BOOKED,
            EventType.APPOINTMENT_UPDATED, Status.BOOKED,
            EventType.APPOINTMENT_CANCELLED, Status.CANCELLED,
            EventType.APPOINTMENT_DELETED, Status.DELETED,
            EventType.APPOINTMENT_NO_SHOW, Status.NO_SHOW);

    private final PipeParser parser;
    private final List<AppointmentIdField> idFields;

    /** @param idFields where the appointment id is read, in order of preference */
    public SiuReader(List<AppointmentIdField> idFields) {
        if (idFields.isEmpty()) {
            throw new IllegalArgumentException("at least one appointment id field");
        }
        HapiContext context = new DefaultHapiContext(new EverySiuAsS12());
        context.setValidationContext(ValidationContextFactory.noValidation());
        context.getParserConfiguration().setValidating(false);
        this.parser = context.getPipeParser();
        this.idFields = List.copyOf(idFields);
    }

    /** Parses an ER7 message; fails with HAPI's exception for what is not HL7 at all. */
    public Message parse(String er7) throws HL7Exception {
        return parser.parse(er7);
    }

    /** The header of a parsed message; checks that it is an SIU message with a control id. */
    public SiuHeader header(Message message) {
        MSH msh = (MSH) first(message, "MSH");
        if (msh == null || !"SIU".equalsIgnoreCase(value(msh.getMessageType().getMessageCode().getValue()))) {
            throw new InvalidSiu(InvalidSiu.UNSUPPORTED_MESSAGE_TYPE, "only SIU scheduling messages are accepted here");
        }
        String controlId = value(msh.getMessageControlID().getValue());
        if (controlId == null) {
            throw new InvalidSiu(InvalidSiu.REQUIRED_FIELD_MISSING, "MSH-10 (message control id) is empty");
        }
        String version = value(msh.getVersionID().getVersionID().getValue());
        return new SiuHeader(value(msh.getSendingApplication().getNamespaceID().getValue()),
                value(msh.getSendingFacility().getNamespaceID().getValue()),
                value(msh.getReceivingApplication().getNamespaceID().getValue()), controlId, version,
                value(msh.getAcceptAcknowledgmentType().getValue()), value(msh.getApplicationAcknowledgmentType().getValue()));
    }

    /**
     * The appointment a parsed SIU message describes.
     *
     * @param zone the configuration's time zone, for times sent without an offset
     */
    public SiuAppointment read(Message message, ZoneId zone) {
        SiuHeader header = header(message);
        MSH msh = (MSH) first(message, "MSH");
        if (header.version() == null || !VERSIONS.contains(header.version())) {
            throw new InvalidSiu(InvalidSiu.UNSUPPORTED_VERSION_ID, "MSH-12 must be one of HL7 versions " + VERSIONS.stream()
                    .sorted().toList());
        }
        String trigger = value(msh.getMessageType().getTriggerEvent().getValue());
        EventType type = trigger == null ? null : TRIGGERS.get(trigger.toUpperCase(Locale.ROOT));
        if (type == null) {
            throw new InvalidSiu(InvalidSiu.UNSUPPORTED_EVENT_CODE, "MSH-9.2 must be one of " + TRIGGERS.keySet().stream()
                    .sorted().toList());
        }

        SCH sch = (SCH) first(message, "SCH");
        if (sch == null) {
            throw new InvalidSiu(InvalidSiu.SEGMENT_SEQUENCE_ERROR, "the SCH segment is missing");
        }
        Group patient = (Group) first(message, "PATIENT");
        PID pid = patient == null ? null : (PID) first(patient, "PID");
        PV1 pv1 = patient == null ? null : (PV1) first(patient, "PV1");
        List<Group> resources = groups(message, "RESOURCES");
        String appointmentId = appointmentId(sch, pv1);
        OffsetDateTime start = start(resources, sch, zone);
        OffsetDateTime end = end(sch, start, zone);
        Status status = status(sch, type);

        List<PatientPhone> phones = List.of();
        String language = null;
        if (pid != null) {
            phones = PatientPhones.of(pid.getPhoneNumberHome(), pid.getPhoneNumberBusiness());
            language = Languages.tag(pid.getPrimaryLanguage().getIdentifier().getValue(),
                    pid.getPrimaryLanguage().getText().getValue());
        }
        return new SiuAppointment(type, appointmentId, start, end, status, department(resources), providers(resources), phones,
                language);
    }

    private String appointmentId(SCH sch, PV1 pv1) {
        for (AppointmentIdField field : idFields) {
            String id = switch (field) {
                case PV1_19 -> pv1 == null ? null : value(pv1.getVisitNumber().getIDNumber().getValue());
                case SCH_2 -> value(sch.getFillerAppointmentID().getEntityIdentifier().getValue());
                case SCH_1 -> value(sch.getPlacerAppointmentID().getEntityIdentifier().getValue());
            };
            if (id != null) {
                if (id.length() > 64) {
                    throw new InvalidSiu(InvalidSiu.DATA_TYPE_ERROR, field.label() + " (appointment id) is longer than 64");
                }
                return id;
            }
        }
        throw new InvalidSiu(InvalidSiu.REQUIRED_FIELD_MISSING, "no appointment id: "
                + String.join(", ", idFields.stream().map(AppointmentIdField::label).toList()) + " are all empty");
    }

    /** SCH-11.4 (timing quantity start), else the first AIS-4, AIL-6 or AIP-6 start. */
    private static OffsetDateTime start(List<Group> resources, SCH sch, ZoneId zone) {
        if (sch.getAppointmentTimingQuantityReps() > 0) {
            String tq = value(sch.getAppointmentTimingQuantity(0).getStartDateTime().getTime().getValue());
            if (tq != null) {
                return Hl7Times.parse(tq, zone, "SCH-11.4");
            }
        }
        for (Group group : resources) {
            for (AIS ais : segments(group, "SERVICE", "AIS", AIS.class)) {
                String start = value(ais.getStartDateTime().getTime().getValue());
                if (start != null) {
                    return Hl7Times.parse(start, zone, "AIS-4");
                }
            }
            for (AIL ail : segments(group, "LOCATION_RESOURCE", "AIL", AIL.class)) {
                String start = value(ail.getStartDateTime().getTime().getValue());
                if (start != null) {
                    return Hl7Times.parse(start, zone, "AIL-6");
                }
            }
            for (AIP aipSegment : segments(group, "PERSONNEL_RESOURCE", "AIP", AIP.class)) {
                String aip = value(aipSegment.getStartDateTime().getTime().getValue());
                if (aip != null) {
                    return Hl7Times.parse(aip, zone, "AIP-6");
                }
            }
        }
        throw new InvalidSiu(InvalidSiu.REQUIRED_FIELD_MISSING, "no start time: SCH-11.4, AIS-4, AIL-6 and AIP-6 are empty");
    }

    /** SCH-11.5, else start + SCH-9 in SCH-10's units (minutes when absent); null when neither is given. */
    private static OffsetDateTime end(SCH sch, OffsetDateTime start, ZoneId zone) {
        OffsetDateTime end = null;
        if (sch.getAppointmentTimingQuantityReps() > 0) {
            String tq = value(sch.getAppointmentTimingQuantity(0).getEndDateTime().getTime().getValue());
            if (tq != null) {
                end = Hl7Times.parse(tq, zone, "SCH-11.5");
            }
        }
        String duration = value(sch.getAppointmentDuration().getValue());
        if (end == null && duration != null) {
            end = start.plus(duration(duration, value(sch.getAppointmentDurationUnits().getIdentifier().getValue())));
        }
        if (end != null && end.isBefore(start)) {
            throw new InvalidSiu(InvalidSiu.DATA_TYPE_ERROR, "the appointment ends before it starts");
        }
        return end;
    }

    private static Duration duration(String amount, String units) {
        long value;
        try {
            value = Math.round(Double.parseDouble(amount));
        } catch (NumberFormatException e) {
            throw new InvalidSiu(InvalidSiu.DATA_TYPE_ERROR, "SCH-9 (appointment duration) is not a number");
        }
        if (value < 0 || value > 100_000) {
            throw new InvalidSiu(InvalidSiu.DATA_TYPE_ERROR, "SCH-9 (appointment duration) is out of range");
        }
        String unit = units == null ? "MIN" : units.toUpperCase(Locale.ROOT);
        return switch (unit) {
            case "S", "SEC", "SECS", "SECOND", "SECONDS" -> Duration.ofSeconds(value);
            case "MIN", "MINS", "M", "MINUTE", "MINUTES" -> Duration.ofMinutes(value);
            case "H", "HR", "HRS", "HOUR", "HOURS" -> Duration.ofHours(value);
            case "D", "DAY", "DAYS" -> Duration.ofDays(value);
            default -> throw new InvalidSiu(InvalidSiu.TABLE_VALUE_NOT_FOUND, "SCH-10 (duration units) is not s, min, h or d");
        };
    }

    private static Status status(SCH sch, EventType type) {
        String code = value(sch.getFillerStatusCode().getIdentifier().getValue());
        if (code == null) {
            return STATUS_OF_TRIGGER.get(type);
        }
        return switch (code.toUpperCase(Locale.ROOT).replace(" ", "").replace("-", "")) {
            case "PENDING" -> Status.PENDING;
            case "WAITLIST" -> Status.WAITLIST;
            case "BOOKED" -> Status.BOOKED;
            case "STARTED" -> Status.STARTED;
            case "COMPLETE", "COMPLETED" -> Status.COMPLETE;
            case "CANCELLED", "CANCELED" -> Status.CANCELLED;
            case "DC", "DISCONTINUED" -> Status.DISCONTINUED;
            case "DELETED" -> Status.DELETED;
            case "BLOCKED" -> Status.BLOCKED;
            case "OVERBOOK" -> Status.OVERBOOK;
            case "NOSHOW" -> Status.NO_SHOW;
            default -> throw new InvalidSiu(InvalidSiu.TABLE_VALUE_NOT_FOUND, "SCH-25 (filler status) is not an HL7 table"
                    + " 0278 code");
        };
    }

    /** AIL-3's point of care (PL-1), else its facility (PL-4.1), of the first location resource. */
    private static String department(List<Group> resources) {
        for (Group group : resources) {
            for (AIL ail : segments(group, "LOCATION_RESOURCE", "AIL", AIL.class)) {
                PL pl = ail.getLocationResourceID(0);
                String id = value(pl.getPointOfCare().getValue());
                if (id == null) {
                    id = value(pl.getFacility().getNamespaceID().getValue());
                }
                if (id != null) {
                    return id;
                }
            }
        }
        return null;
    }

    /** AIP-3.1 of every personnel resource: ids only, never names. */
    private static List<String> providers(List<Group> resources) {
        Set<String> ids = new LinkedHashSet<>();
        for (Group group : resources) {
            for (AIP aip : segments(group, "PERSONNEL_RESOURCE", "AIP", AIP.class)) {
                for (XCN xcn : aip.getPersonnelResourceID()) {
                    String id = value(xcn.getIDNumber().getValue());
                    if (id != null) {
                        ids.add(id);
                    }
                }
            }
        }
        return new ArrayList<>(ids);
    }

    /**
     * The 2.5.1 model for every version, and its SIU_S12 structure for every SIU trigger: 2.5.1 has no SIU_S26 class (HAPI
     * would fall back to a flat generic message), and the SIU structures of S12 to S26 share their groups.
     */
    private static final class EverySiuAsS12 extends CanonicalModelClassFactory {

        EverySiuAsS12() {
            super("2.5.1");
        }

        @Override
        public Class<? extends Message> getMessageClass(String name, String version, boolean isExplicit) throws HL7Exception {
            if (name != null && name.toUpperCase(Locale.ROOT).startsWith("SIU_")) {
                return SIU_S12.class;
            }
            return super.getMessageClass(name, version, isExplicit);
        }
    }

    // ---- access by group and segment name ---------------------------------------------------------------------------

    /** The first {@code name} structure of {@code group}, or null when the structure has none or it is empty. */
    private static Structure first(Group group, String name) {
        try {
            if (!java.util.Arrays.asList(group.getNames()).contains(name)) {
                return null;
            }
            Structure[] all = group.getAll(name);
            return all.length == 0 || all[0].isEmpty() ? null : all[0];
        } catch (HL7Exception e) {
            throw new InvalidSiu(InvalidSiu.SEGMENT_SEQUENCE_ERROR, "the " + name + " part cannot be read");
        }
    }

    private static List<Group> groups(Group group, String name) {
        try {
            if (!java.util.Arrays.asList(group.getNames()).contains(name)) {
                return List.of();
            }
            List<Group> found = new ArrayList<>();
            for (Structure s : group.getAll(name)) {
                found.add((Group) s);
            }
            return found;
        } catch (HL7Exception e) {
            throw new InvalidSiu(InvalidSiu.SEGMENT_SEQUENCE_ERROR, "the " + name + " groups cannot be read");
        }
    }

    /** Every non-empty {@code segmentName} in the {@code groupName} groups of {@code parent}. */
    private static <T extends Structure> List<T> segments(Group parent, String groupName, String segmentName, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Group group : groups(parent, groupName)) {
            Structure s = first(group, segmentName);
            if (type.isInstance(s)) {
                found.add(type.cast(s));
            }
        }
        return found;
    }

    private static String value(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
