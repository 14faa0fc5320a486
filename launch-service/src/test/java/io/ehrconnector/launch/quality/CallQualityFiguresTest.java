package io.ehrconnector.launch.quality;

import com.microsoft.graph.models.CommunicationsIdentitySet;
import com.microsoft.graph.models.Identity;
import com.microsoft.graph.models.callrecords.Endpoint;
import com.microsoft.graph.models.callrecords.Media;
import com.microsoft.graph.models.callrecords.MediaStream;
import com.microsoft.graph.models.callrecords.ParticipantEndpoint;
import com.microsoft.graph.models.callrecords.Segment;
import com.microsoft.graph.models.callrecords.ServiceEndpoint;
import com.microsoft.graph.models.callrecords.Session;
import com.microsoft.kiota.PeriodAndDuration;
import io.ehrconnector.events.CallQualityReported.MediaQuality;
import io.ehrconnector.launch.presence.CallIdentity;
import io.ehrconnector.launch.quality.CallQualityFigures.MeasuredParticipant;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each participant's figures from crafted call record sessions: units, means, maxima, missing figures, kinds of media. */
class CallQualityFiguresTest {

    private static final double EPSILON = 1e-6;
    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String USER = "821809f5-0000-0000-0000-3b5136c0e777";

    @Test
    void averagesAreMeansOfTheStreamsAveragesAndMaximaTheLargestMaximaInMilliseconds() {
        Session first = session(user(), service(), media("main-audio",
                stream(s -> figures(s, "PT0.01S", "PT0.03S", 0.01f, 0.04f, "PT0.02S", "PT0.06S")),
                stream(s -> figures(s, "PT0.02S", "PT0.05S", 0.03f, 0.10f, "PT0.04S", "PT0.08S"))));
        Session rejoined = session(user(), service(), media("main-audio",
                stream(s -> figures(s, "PT0.015S", "PT0.2S", 0.02f, 0.05f, "PT0.3S", "PT1.5S"))));

        List<MeasuredParticipant> participants = CallQualityFigures.of(List.of(first, rejoined));

        assertEquals(1, participants.size(), "two sessions of one user are one participant");
        MeasuredParticipant user = participants.getFirst();
        assertEquals(new CallIdentity(CallIdentity.Kind.USER, USER, TENANT), user.identity());
        MediaQuality audio = user.audio();
        assertEquals(3, audio.streams());
        assertEquals(15.0, audio.averageJitterMs(), EPSILON);
        assertEquals(200.0, audio.maxJitterMs(), EPSILON);
        assertEquals(0.02, audio.averagePacketLossRate(), EPSILON);
        assertEquals(0.10, audio.maxPacketLossRate(), EPSILON);
        assertEquals(120.0, audio.averageRoundTripMs(), EPSILON);
        assertEquals(1500.0, audio.maxRoundTripMs(), EPSILON);
        assertNull(audio.averageFrameRate(), "audio has no frames");
        assertNull(user.video());
        assertNull(user.screenSharing());
    }

    @Test
    void mediaIsToldApartByLabelAndOnlyPicturesHaveFrameRates() {
        Session session = session(user(), service(),
                media("main-audio", stream(s -> s.setAverageReceivedFrameRate(50f))),
                media("main-video", stream(s -> s.setAverageReceivedFrameRate(30f)), stream(s -> s.setAverageVideoFrameRate(20f))),
                media("applicationsharing-video", stream(s -> s.setAverageReceivedFrameRate(8f))),
                media("data", stream(s -> s.setAverageJitter(PeriodAndDuration.ofDuration(Duration.ofMillis(5))))));

        MeasuredParticipant user = CallQualityFigures.of(List.of(session)).getFirst();

        assertEquals(1, user.audio().streams());
        assertNull(user.audio().averageFrameRate());
        assertEquals(2, user.video().streams());
        assertEquals(25.0, user.video().averageFrameRate(), EPSILON, "received frame rate, else the video frame rate");
        assertEquals(1, user.screenSharing().streams(), "screen sharing is sent as video but is not camera video");
        assertEquals(8.0, user.screenSharing().averageFrameRate(), EPSILON);
        assertNull(user.audio().averageJitterMs(), "data media counts nowhere");
    }

    @Test
    void figuresNoStreamReportedOrThatCannotBeAreNull() {
        Session session = session(user(), service(), media("main-audio",
                stream(s -> {
                }),
                stream(s -> {
                    s.setAveragePacketLossRate(1.5f);
                    s.setMaxPacketLossRate(Float.NaN);
                    s.setAverageJitter(PeriodAndDuration.ofDuration(Duration.ofMillis(-3)));
                    s.setMaxJitter(PeriodAndDuration.of(Period.ofDays(1), Duration.ZERO));
                    s.setMaxRoundTripTime(PeriodAndDuration.ofDuration(Duration.ofMillis(70)));
                })));

        MediaQuality audio = CallQualityFigures.of(List.of(session)).getFirst().audio();

        assertEquals(2, audio.streams(), "streams count even without figures");
        assertNull(audio.averageJitterMs());
        assertNull(audio.maxJitterMs());
        assertNull(audio.averagePacketLossRate());
        assertNull(audio.maxPacketLossRate());
        assertNull(audio.averageRoundTripMs());
        assertEquals(70.0, audio.maxRoundTripMs(), EPSILON);
    }

    @Test
    void theParticipantIsWhicheverEndIsAPersonAndSessionsWithoutOneAreLeftOut() {
        Session guestCalled = session(service(), guest("8:teamsvisitor:1"), media("main-audio", stream(s -> {
        })));
        Session acs = session(identified(set -> set.setAzureCommunicationServicesUser(member("8:acs:2"))), service(),
                media("main-video", stream(s -> {
                })));
        Session phone = session(identified(set -> set.setPhone(member("+15550100"))), service());
        Session servicesOnly = session(service(), service(), media("main-audio", stream(s -> {
        })));
        Session bot = session(identified(set -> set.setApplication(member("bot-1"))), service(),
                media("main-audio", stream(s -> {
                })));

        List<MeasuredParticipant> participants = CallQualityFigures.of(List.of(guestCalled, acs, phone, servicesOnly, bot));

        assertEquals(List.of(new CallIdentity(CallIdentity.Kind.GUEST, "8:teamsvisitor:1", null),
                        new CallIdentity(CallIdentity.Kind.ACS_USER, "8:acs:2", null),
                        new CallIdentity(CallIdentity.Kind.PHONE, "+15550100", null)),
                participants.stream().map(MeasuredParticipant::identity).toList());
        assertEquals(1, participants.getFirst().audio().streams());
        assertEquals(1, participants.get(1).video().streams());
        MeasuredParticipant noMedia = participants.get(2);
        assertTrue(noMedia.audio() == null && noMedia.video() == null && noMedia.screenSharing() == null);
    }

    @Test
    void mediaKindsFollowGraphsLabels() {
        assertEquals(MediaKind.AUDIO, MediaKind.ofLabel("main-audio"));
        assertEquals(MediaKind.VIDEO, MediaKind.ofLabel("main-video"));
        assertEquals(MediaKind.SCREEN_SHARING, MediaKind.ofLabel("applicationsharing-video"));
        assertEquals(MediaKind.SCREEN_SHARING, MediaKind.ofLabel("ScreenSharing"));
        assertNull(MediaKind.ofLabel("data"));
        assertNull(MediaKind.ofLabel(null));
    }

    private static void figures(MediaStream stream, String jitter, String maxJitter, float loss, float maxLoss,
                                String roundTrip, String maxRoundTrip) {
        stream.setAverageJitter(PeriodAndDuration.parse(jitter));
        stream.setMaxJitter(PeriodAndDuration.parse(maxJitter));
        stream.setAveragePacketLossRate(loss);
        stream.setMaxPacketLossRate(maxLoss);
        stream.setAverageRoundTripTime(PeriodAndDuration.parse(roundTrip));
        stream.setMaxRoundTripTime(PeriodAndDuration.parse(maxRoundTrip));
    }

    private static Session session(Endpoint caller, Endpoint callee, Media... media) {
        Segment segment = new Segment();
        segment.setCaller(caller);
        segment.setCallee(callee);
        segment.setMedia(Arrays.asList(media));
        Session session = new Session();
        session.setCaller(caller);
        session.setCallee(callee);
        session.setSegments(List.of(segment));
        return session;
    }

    private static Media media(String label, MediaStream... streams) {
        Media media = new Media();
        media.setLabel(label);
        media.setStreams(Arrays.asList(streams));
        return media;
    }

    private static MediaStream stream(Consumer<MediaStream> figures) {
        MediaStream stream = new MediaStream();
        figures.accept(stream);
        return stream;
    }

    /** A user as Graph writes it in a call record: no type of its own, the tenant as an extra property. */
    private static ParticipantEndpoint user() {
        return identified(set -> {
            Identity user = member(USER);
            user.setDisplayName("Dr. Name");
            user.setAdditionalData(Map.of("tenantId", TENANT));
            set.setUser(user);
        });
    }

    private static ParticipantEndpoint guest(String id) {
        return identified(set -> set.setGuest(member(id)));
    }

    private static ParticipantEndpoint identified(Consumer<CommunicationsIdentitySet> members) {
        CommunicationsIdentitySet identity = new CommunicationsIdentitySet();
        members.accept(identity);
        ParticipantEndpoint endpoint = new ParticipantEndpoint();
        endpoint.setIdentity(identity);
        return endpoint;
    }

    private static Identity member(String id) {
        Identity identity = new Identity();
        identity.setId(id);
        return identity;
    }

    private static ServiceEndpoint service() {
        return new ServiceEndpoint();
    }
}
