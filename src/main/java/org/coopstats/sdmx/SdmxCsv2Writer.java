package org.coopstats.sdmx;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.DataStructure;
import org.coopstats.observation.ObservationRow;

/**
 * Writes SDMX-CSV 2.0.0: STRUCTURE, STRUCTURE_ID and ACTION, the series dimensions, TIME_PERIOD,
 * OBS_VALUE and the attributes asked for. The counterpart of the SDMX-CSV upload: a message written
 * here, uploaded to a dataset of the same structure, stores the same values (ACTION {@code I},
 * information, for the values as released; {@code D} for those deleted since updatedAfter).
 */
final class SdmxCsv2Writer {

  /** SDMX-CSV 2.0 actions: the values as they stand, and the keys deleted. */
  static final String INFORMATION = "I";

  static final String DELETE = "D";

  private SdmxCsv2Writer() {}

  static void write(
      DataStructure structure, SdmxDataSets dataSets, SdmxDataRequest request, OutputStream output)
      throws IOException {
    Writer writer =
        new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 16_384);
    CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
    boolean observations = request.withObservations();
    boolean measure = request.withMeasure();
    List<AttributeDef> attributes = request.attributesOf(structure);
    printer.printRecord(header(structure, observations, measure, attributes));
    String structureId =
        structure.agency() + ":" + structure.id() + "(" + structure.version() + ")";
    for (SdmxDataWriter.DataSet dataSet = dataSets.nextDataSet();
        dataSet != null;
        dataSet = dataSets.nextDataSet()) {
      String action = dataSet.deletions() ? DELETE : INFORMATION;
      for (List<ObservationRow> series = dataSets.nextSeries();
          series != null;
          series = dataSets.nextSeries()) {
        List<ObservationRow> rows = observations ? series : series.subList(0, 1);
        for (ObservationRow row : rows) {
          List<String> record = new ArrayList<>();
          record.add("dataflow");
          record.add(structureId);
          record.add(action);
          record.addAll(row.key());
          if (observations) {
            record.add(row.timePeriod());
          }
          if (measure) {
            record.add(row.value() == null ? "" : row.value().toPlainString());
          }
          for (AttributeDef attribute : attributes) {
            String value = row.attribute(attribute.id());
            record.add(value == null ? "" : value);
          }
          printer.printRecord(record);
        }
      }
    }
    printer.flush();
  }

  private static List<String> header(
      DataStructure structure,
      boolean observations,
      boolean measure,
      List<AttributeDef> attributes) {
    List<String> header = new ArrayList<>(List.of("STRUCTURE", "STRUCTURE_ID", "ACTION"));
    structure.seriesDimensions().forEach(d -> header.add(d.id()));
    if (observations) {
      header.add(structure.timeDimension().id());
    }
    if (measure) {
      header.add(SdmxStructureWriter.PRIMARY_MEASURE);
    }
    attributes.forEach(a -> header.add(a.id()));
    return header;
  }
}
