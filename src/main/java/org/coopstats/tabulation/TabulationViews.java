package org.coopstats.tabulation;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** What the tabulation API takes and shows. */
public final class TabulationViews {

  private TabulationViews() {}

  /**
   * Tabulate the register's units of {@code period} into the draft of dataset {@code datasetId}.
   */
  public record TabulateRequest(@NotBlank @Size(max = 7) String period, @NotNull Long datasetId) {}

  /** One tabulation: what it read and wrote, and its protection report. */
  public record TabulationView(
      long id,
      long registerId,
      long datasetId,
      String period,
      int baseVersion,
      OffsetDateTime createdAt,
      String createdBy,
      long units,
      int cells,
      int primaryCells,
      int secondaryCells,
      JsonNode protection) {}
}
