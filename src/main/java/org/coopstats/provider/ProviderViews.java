package org.coopstats.provider;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the provider API. */
public final class ProviderViews {

  private ProviderViews() {}

  @Schema(name = "ProviderRequest", description = "A data provider to register.")
  public record ProviderRequest(
      @Schema(description = "Agency id, as in SDMX", examples = "STATCAN")
          @NotBlank
          @Size(max = 50)
          @Pattern(
              regexp = "[A-Za-z][A-Za-z0-9_-]*",
              message = "must start with a letter and hold only letters, digits, _ and -")
          String id,
      @Schema(examples = "Statistics Canada") @NotBlank @Size(max = 300) String name,
      @Schema(description = "Home area, a code of CL_AREA", examples = "CAN") @Size(max = 10)
          String refArea) {}

  @Schema(name = "Provider")
  public record ProviderView(String id, String name, String refArea, OffsetDateTime createdAt) {
    static ProviderView of(Provider provider) {
      return new ProviderView(provider.id, provider.name, provider.refArea, provider.createdAt);
    }
  }
}
