package org.coopstats.register;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.coopstats.validation.ValidationIssue;

/** Request and response bodies of the register API. */
public final class RegisterViews {

  private RegisterViews() {}

  /**
   * @param providerId the provider the register belongs to: the caller's own when left out
   */
  public record RegisterRequest(
      @Size(max = 50) String providerId,
      @NotBlank @Size(max = 300) String name,
      @Size(max = 4000) String description,
      @Valid DisclosureRules disclosure) {}

  /**
   * The disclosure-control rules of a register's tabulations (docs/disclosure-control.md).
   *
   * @param minFrequency a cell with fewer contributing units is suppressed (A)
   * @param dominanceN the n of the (n,k)-dominance rule
   * @param dominanceK the k of the (n,k)-dominance rule, in percent (O)
   * @param pPercent the p of the p % rule, in percent (C)
   * @param protectionPercent how far, in percent of its value, a suppressed cell's interval must
   *     reach on either side
   * @param protectUnitCounts whether counts of cooperatives are protected too (off: a register's
   *     counts are usually public)
   */
  public record DisclosureRules(
      @NotNull @Min(1) @Max(100) Integer minFrequency,
      @NotNull @Min(1) @Max(10) Integer dominanceN,
      @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") Double dominanceK,
      @NotNull @DecimalMin("0") @DecimalMax("100") Double pPercent,
      @NotNull @DecimalMin("0") @DecimalMax("100") Double protectionPercent,
      @NotNull Boolean protectUnitCounts) {

    static final DisclosureRules DEFAULTS = new DisclosureRules(3, 1, 85.0, 10.0, 10.0, false);
  }

  /**
   * A register, without any unit's figures: its periods give only how many units each holds.
   *
   * @param periods in the detail only
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RegisterView(
      long id,
      String providerId,
      String name,
      String description,
      DisclosureRules disclosure,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      List<PeriodView> periods) {}

  /** How many units a register holds for a period, by status. */
  public record PeriodView(String period, long units, long active, long dormant, long dissolved) {}

  /**
   * What an upload of unit records found and, unless it was a dry run, changed.
   *
   * @param unchanged records equal to those already held
   * @param deleted records of the upload's periods that a replacing upload did not name
   * @param periods the periods the upload's records are of
   */
  public record UnitUploadResult(
      long registerId,
      String mode,
      boolean dryRun,
      long rowsRead,
      long inserted,
      long updated,
      long unchanged,
      long deleted,
      int errorCount,
      int warningCount,
      List<String> periods,
      List<ValidationIssue> issues) {}
}
