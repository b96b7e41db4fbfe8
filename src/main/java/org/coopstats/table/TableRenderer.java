package org.coopstats.table;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.coopstats.catalog.CatalogService;
import org.coopstats.catalog.DataStructure;

/** Writes a table grid as JSON-stat, CSV or Excel. */
@ApplicationScoped
public class TableRenderer {

  private final CatalogService catalog;

  public TableRenderer(CatalogService catalog) {
    this.catalog = catalog;
  }

  public void csv(TableGrid grid, OutputStream output) throws IOException {
    BufferedWriter writer =
        new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
    TableCsv.write(grid, writer);
    writer.flush();
  }

  /** The grid as one JSON-stat 2.0 dataset. */
  public java.util.Map<String, Object> jsonStat(TableGrid grid) {
    return TableJsonStat.of(grid, catalog.catalog().structure(grid.structure()).orElseThrow());
  }

  public void xlsx(TableGrid grid, OutputStream output) throws IOException {
    DataStructure structure = catalog.catalog().structure(grid.structure()).orElseThrow();
    String statuses = structure.attribute("OBS_STATUS").orElseThrow().codeListId();
    new TableWorkbook(grid, structure.codeList(statuses)).write(output);
  }
}
