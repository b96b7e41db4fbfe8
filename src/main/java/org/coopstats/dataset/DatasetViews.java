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
      @Schema(
              description =
                  "DRAFT, PUBLISHED or WITHDRAWN; SCHEDULED (shown to the provider only) while"
                      + " the first release is still to come")
          String status,
      @Schema(description = "The last released version (0: none yet)") int version,
      @Schema(description = "When that version was released") OffsetDateTime releasedAt,
      @Schema(description = "A release still to come; shown to the provider only")
          PendingRelease pendingRelease,
      OffsetDateTime withdrawnAt,
      String withdrawalReason,
      OffsetDateTime createdAt,
      @Schema(description = "Last change to the draft; shown to the provider only")
          OffsetDateTime updatedAt,
      @Schema(description = "What the dataset holds; on single-dataset responses")
          DatasetSummary summary) {}

  @Schema(name = "PendingRelease")
  public record PendingRelease(int version, OffsetDateTime releaseAt) {}

  @Schema(name = "WithdrawRequest")
  public record WithdrawRequest(
      @Schema(examples = "Figures for 2021 double-counted secondary cooperatives")
          @jakarta.validation.constraints.NotBlank
          @Size(max = 2000)
          String reason) {}

  @Schema(name = "DatasetSummary")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DatasetSummary(
      @Schema(description = "Observations released and current now") long observations,
      @Schema(description = "Draft observations waiting for the next version (provider only)")
          Long draftObservations,
      @Schema(description = "Warnings kept with the accepted submissions (provider only)")
          Long warnings,
      List<String> refAreas,
      List<String> measures,
      String firstPeriod,
      String lastPeriod) {}
}
