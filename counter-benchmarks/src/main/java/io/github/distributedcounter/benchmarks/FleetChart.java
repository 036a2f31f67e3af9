package io.github.distributedcounter.benchmarks;

import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.github.distributedcounter.benchmarks.AwsBenchmark.Row;

/**
 * The fleet rows of {@link AwsBenchmark} as an SVG chart, a row of two panels per fleet scenario: increments per
 * second and p99 latency against the number of instances, one line per implementation, on logarithmic scales.
 */
final class FleetChart {

    private static final int PANEL_WIDTH = 440;
    private static final int PANEL_HEIGHT = 300;
    private static final int LEFT = 70;
    private static final int TOP = 40;
    private static final int PLOT_WIDTH = 330;
    private static final int PLOT_HEIGHT = 200;
    private static final List<String> IMPLEMENTATIONS = List.of(AwsBenchmark.LIBRARY, AwsBenchmark.UNPACED,
            AwsBenchmark.RAW);
    private static final List<String> COLOURS = List.of("#1b7837", "#d95f02", "#7570b3");

    private final List<Row> rows;
    private final List<String> scenarios;

    FleetChart(List<Row> rows) {
        this.rows = rows;
        this.scenarios = List.of(AwsBenchmark.FLEET, AwsBenchmark.PADDED_FLEET).stream()
                .filter(scenario -> rows.stream().anyMatch(r -> r.scenario().equals(scenario))).toList();
    }

    String svg() {
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                        + "font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                2 * PANEL_WIDTH, scenarios.size() * PANEL_HEIGHT + 30));
        for (int s = 0; s < scenarios.size(); s++) {
            String scenario = scenarios.get(s);
            List<Row> fleet = rows.stream().filter(r -> r.scenario().equals(scenario)).toList();
            int top = s * PANEL_HEIGHT;
            panel(svg, fleet, 0, top, "increments/s — " + scenario, Row::incrementsPerSecond);
            panel(svg, fleet, PANEL_WIDTH, top, "p99 latency, ms — " + scenario, Row::p99Millis);
        }
        for (int i = 0; i < IMPLEMENTATIONS.size(); i++) {
            int x = LEFT + i * 200;
            int y = scenarios.size() * PANEL_HEIGHT + 12;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"3\"/><text x=\"%d\" y=\"%d\">%s</text>%n", x, y, x + 24, y, COLOURS.get(i),
                    x + 30, y + 4, escape(IMPLEMENTATIONS.get(i))));
        }
        return svg.append("</svg>\n").toString();
    }

    private void panel(StringBuilder svg, List<Row> fleet, int offset, int top, String title,
            ToDoubleFunction<Row> metric) {
        List<Integer> sizes = fleet.stream().map(Row::instances).distinct().sorted().toList();
        DoubleSummaryStatistics values = fleet.stream().mapToDouble(metric).filter(v -> v > 0).summaryStatistics();
        double low = values.getCount() == 0 ? 0 : Math.floor(Math.log10(values.getMin()));
        double high = values.getCount() == 0 ? 1 : Math.max(low + 1, Math.ceil(Math.log10(values.getMax())));
        int left = offset + LEFT;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"bold\">%s"
                + "</text>%n", left, top + TOP - 15, escape(title)));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>%n", left, top + TOP, PLOT_WIDTH, PLOT_HEIGHT));
        for (double decade = low; decade <= high; decade++) {
            double y = top + y(decade, low, high);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left, y, left + PLOT_WIDTH, y,
                    left - 6, y + 4, String.format(Locale.ROOT, "%,.0f", Math.pow(10, decade))));
        }
        for (int i = 0; i < sizes.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                    x(sizes, offset, i), top + TOP + PLOT_HEIGHT + 18, sizes.get(i)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">instances × %d "
                + "threads</text>%n", left + PLOT_WIDTH / 2, top + TOP + PLOT_HEIGHT + 36, AwsBenchmark.THREADS));
        for (int s = 0; s < IMPLEMENTATIONS.size(); s++) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < sizes.size(); i++) {
                int size = sizes.get(i);
                String implementation = IMPLEMENTATIONS.get(s);
                double value = fleet.stream().filter(r -> r.instances() == size
                        && r.implementation().equals(implementation)).mapToDouble(metric).findFirst()
                        .orElse(Double.NaN);
                if (value > 0) {
                    double x = x(sizes, offset, i);
                    double y = top + y(Math.log10(value), low, high);
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>%n",
                            x, y, COLOURS.get(s)));
                }
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", points.toString().trim(), COLOURS.get(s)));
        }
    }

    private static double x(List<Integer> sizes, int offset, int index) {
        double step = sizes.size() == 1 ? 0 : (PLOT_WIDTH - 60.0) / (sizes.size() - 1);
        return offset + LEFT + 30 + index * step;
    }

    private static double y(double log, double low, double high) {
        return TOP + PLOT_HEIGHT - (log - low) / (high - low) * PLOT_HEIGHT;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
