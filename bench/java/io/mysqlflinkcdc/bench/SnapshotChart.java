package io.mysqlflinkcdc.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * RESULTS.png: the snapshot's median rows/s per contender as bars, so the gap between this
 * connector, Debezium, the Connect ceiling and the copy limit shows at a glance.
 */
final class SnapshotChart {

    private SnapshotChart() {
    }

    /** Writes the chart; contenders without a measure are left out. */
    static void write(Samples samples, BenchSettings settings, Path png) throws IOException {
        Map<String, OptionalDouble> bars = new LinkedHashMap<>();
        bars.put("copy limit", samples.median(Workloads.SNAPSHOT_RATE, "copy limit"));
        bars.put(Contender.CEILING.label(), samples.median(Workloads.SNAPSHOT_RATE, Contender.CEILING.label()));
        bars.put(Contender.OURS.label(), samples.median(Workloads.SNAPSHOT_RATE, Contender.OURS.label()));
        bars.put(Contender.OURS_WITH_FLINK_CDC_READER.label(), samples.median(Workloads.SNAPSHOT_RATE,
                Contender.OURS_WITH_FLINK_CDC_READER.label()));
        bars.put(Contender.OURS_WITH_WORKER_DEFAULTS.label(), samples.median(Workloads.SNAPSHOT_RATE,
                Contender.OURS_WITH_WORKER_DEFAULTS.label()));
        bars.put("Debezium " + settings.debeziumVersion(), samples.median(Workloads.SNAPSHOT_RATE,
                Contender.DEBEZIUM.label()));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        bars.forEach((name, rate) -> rate.ifPresent(value -> data.addValue(value, "rows/s", name)));
        JFreeChart chart = ChartFactory.createBarChart(String.format("%,d-row snapshot, rows/s (median of %d)",
                settings.snapshotRows(), settings.repeats()), null, "rows/s", data, PlotOrientation.HORIZONTAL,
                false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getRangeAxis().setUpperMargin(0.12); // room for the largest bar's label
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, new Color(0x3b6ea5));
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new java.text.DecimalFormat("#,##0")));
        renderer.setDefaultItemLabelsVisible(true);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 360);
    }
}
