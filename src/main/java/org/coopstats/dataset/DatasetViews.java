package org.coopstats.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/** Request and response bodies of the dataset API. */
public final class DatasetViews {

  private DatasetViews() {}

  public record DatasetRequest(
      @NotBlank String providerId,
      @NotBlank @Size(max = 500) String title,
      @NotBlank String sourceKind,
      @NotBlank String periodBasis,
      @Size(max = 20000) String methodology,
      @Size(max = 100) String structure,
      @Size(max = 500) String source) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DatasetView(
      long id,
      String providerId,
      String structure,
      String title,
      String sourceKind,
      String periodBasis,
      String methodology,
      String source,
      String status,
      int version,
      OffsetDateTime releasedAt,
      PendingRelease pendingRelease,
      OffsetDateTime withdrawnAt,
      String withdrawalReason,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      DatasetSummary summary) {}

  public record PendingRelease(int version, OffsetDateTime releaseAt) {}

  public record WithdrawRequest(
      @jakarta.validation.constraints.NotBlank @Size(max = 2000) String reason) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DatasetSummary(
      long observations,
      Long draftObservations,
      Long warnings,
      List<String> refAreas,
      List<String> measures,
      String firstPeriod,
      String lastPeriod) {}
}
