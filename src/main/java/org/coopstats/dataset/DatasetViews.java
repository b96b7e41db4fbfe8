package org.coopstats.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the dataset API. */
public final class DatasetViews {

  private DatasetViews() {}

  @Schema(name = "DatasetRequest", description = "A dataset to create (as a draft).")
  public record DatasetRequest(
      @Schema(description = "Id of a registered provider", examples = "STATCAN") @NotBlank
          String providerId,
      @Schema(examples = "Non-financial cooperatives in Canada, 2021") @NotBlank @Size(max = 500)
          String title,
      @Schema(
              description =
                  "Kind of source, a code of CL_SOURCE_KIND: REGISTER, SURVEY, CENSUS,"
                      + " ADMINISTRATIVE, MOVEMENT, ESTIMATE",
              examples = "SURVEY")
          @NotBlank
          String sourceKind,
      @Schema(
              description = "A code of CL_PERIOD_BASIS: CALENDAR_YEAR or FISCAL_YEAR",
              examples = "CALENDAR_YEAR")
          @NotBlank
          String periodBasis,
      @Schema(description = "How the figures were produced") @Size(max = 20000)
          String methodology) {}

  @Schema(name = "Dataset")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DatasetView(
      long id,
      String providerId,
      String structure,
      String title,
      String sourceKind,
      String periodBasis,
      String methodology,
      @Schema(description = "DRAFT or PUBLISHED") String status,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      OffsetDateTime publishedAt,
      @Schema(description = "What the dataset holds; on single-dataset responses")
          DatasetSummary summary) {

    static DatasetView of(Dataset d, DatasetSummary summary) {
      return new DatasetView(
          d.id,
          d.providerId,
          d.structureId,
          d.title,
          d.sourceKind,
          d.periodBasis,
          d.methodology,
          d.status,
          d.createdAt,
          d.updatedAt,
          d.publishedAt,
          summary);
    }
  }

  @Schema(name = "DatasetSummary")
  public record DatasetSummary(
      long observations,
      List<String> refAreas,
      List<String> measures,
      String firstPeriod,
      String lastPeriod) {}
}
