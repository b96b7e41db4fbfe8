package org.coopstats.provider;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** Request and response bodies of the provider API. */
public final class ProviderViews {

  private ProviderViews() {}

  public record ProviderRequest(
      @NotBlank
          @Size(max = 50)
          @Pattern(
              regexp = "[A-Za-z][A-Za-z0-9_-]*",
              message = "must start with a letter and hold only letters, digits, _ and -")
          String id,
      @NotBlank @Size(max = 300) String name,
      @Size(max = 10) String refArea) {}

  public record ProviderView(String id, String name, String refArea, OffsetDateTime createdAt) {
    static ProviderView of(Provider provider) {
      return new ProviderView(provider.id, provider.name, provider.refArea, provider.createdAt);
    }
  }
}
