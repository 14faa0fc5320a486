package io.ehrconnector.testing.standins;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps method + path pattern to a handler, runs filters first (outages, authentication), records every request, and turns
 * handler failures into responses. The same router serves behind the JDK HttpServer and behind WireMock.
 */
final class Router {

    /** Answers one request. May throw {@link EarlyResponse} to answer early. */
    @FunctionalInterface
    interface Handler {
        StandInResponse handle(StandInRequest request) throws Exception;
    }

    /** Runs before routing; a present value is sent instead of routing the request. */
    @FunctionalInterface
    interface Filter {
        Optional<StandInResponse> apply(StandInRequest request);
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Filter> filters = new CopyOnWriteArrayList<>();
    private final List<StandInRequest> received = new CopyOnWriteArrayList<>();
    private final Function<StandInRequest, StandInResponse> notFound;

    Router(Function<StandInRequest, StandInResponse> notFound) {
        this.notFound = notFound;
    }

    /** Adds a route; {@code pathRegex} must match the whole raw path, its groups become path params. */
    Router on(String method, String pathRegex, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
        return this;
    }

    Router filter(Filter filter) {
        filters.add(filter);
        return this;
    }

    StandInResponse dispatch(StandInRequest request) {
        received.add(request);
        try {
            for (Filter filter : filters) {
                Optional<StandInResponse> early = filter.apply(request);
                if (early.isPresent()) {
                    return early.get();
                }
            }
            for (Route route : routes) {
                if (!route.method().equals(request.method())) {
                    continue;
                }
                Matcher matcher = route.path().matcher(request.rawPath());
                if (matcher.matches()) {
                    return route.handler().handle(request.withPathParams(groups(matcher)));
                }
            }
            return notFound.apply(request);
        } catch (EarlyResponse early) {
            return early.response();
        } catch (Exception | AssertionError unexpected) {
            System.err.println("[stand-in] " + request + " failed: " + unexpected);
            unexpected.printStackTrace(System.err);
            return StandInResponse.json(500, Map.of("error", "server_error",
                    "error_description", "Stand-in failure: " + unexpected.getClass().getSimpleName()));
        }
    }

    private static List<String> groups(Matcher matcher) {
        List<String> groups = new ArrayList<>();
        for (int i = 1; i <= matcher.groupCount(); i++) {
            String raw = matcher.group(i);
            groups.add(raw == null ? null : URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return groups;
    }

    List<StandInRequest> received() {
        return List.copyOf(received);
    }

    void clearReceived() {
        received.clear();
    }
}
