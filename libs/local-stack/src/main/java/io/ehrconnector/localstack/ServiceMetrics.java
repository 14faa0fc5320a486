package io.ehrconnector.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's own view of a benchmark, from its Prometheus metrics ({@code /q/metrics}): the mean of its timers. */
final class ServiceMetrics {

    private ServiceMetrics() {
    }

    /**
     * Prints, per series of the timers named by {@code timers} (a regex of metric names without the {@code _count} /
     * {@code _sum} suffix) whose labels contain {@code labelFilter} (a regex), the mean in ms and the count.
     */
    static void printMeans(ServiceProcess service, String timers, String labelFilter) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        // Labels may hold braces themselves: uri="/launch/{environment}/{app}".
        Pattern line = Pattern.compile("^(" + timers + ")_(count|sum)(\\{.*\\})? ([0-9.eE+-]+)$");
        Pattern labels = Pattern.compile(labelFilter);
        Map<String, double[]> countAndSum = new LinkedHashMap<>();
        for (String text : metrics.split("\n")) {
            Matcher m = line.matcher(text);
            String series = m.matches() && m.group(3) != null ? m.group(3) : "";
            if (m.matches() && labels.matcher(series).find()) {
                double[] v = countAndSum.computeIfAbsent(m.group(1) + series, k -> new double[2]);
                v[m.group(2).equals("count") ? 0 : 1] = Double.parseDouble(m.group(4));
            }
        }
        countAndSum.forEach((key, v) -> System.out.printf(Locale.ROOT, "  service %s: mean %.2f ms over %.0f%n", key,
                v[0] == 0 ? 0 : v[1] / v[0] * 1000, v[0]));
    }
}
