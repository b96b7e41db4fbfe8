package org.coopstats.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** Request and response bodies of the user API. */
public final class UserViews {

  /** bcrypt reads only the first 72 bytes of a password. */
  public static final int MAX_PASSWORD_BYTES = 72;

  private UserViews() {}

  public record UserRequest(
      @NotBlank
          @Size(max = 100)
          @Pattern(regexp = "[A-Za-z0-9._@-]+", message = "may hold letters, digits, . _ @ and -")
          String username,
      @NotBlank @Size(min = 12, max = 200) @MaxUtf8Bytes(UserViews.MAX_PASSWORD_BYTES)
          String password,
      @NotEmpty List<String> roles,
      String providerId) {}

  public record UserView(
      String username, List<String> roles, String providerId, OffsetDateTime createdAt) {
    static UserView of(AppUser user) {
      return new UserView(
          user.username, Arrays.asList(user.roles.split(",")), user.providerId, user.createdAt);
    }
  }
}
