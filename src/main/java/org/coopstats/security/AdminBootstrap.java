package org.coopstats.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The first admin comes from configuration: {@code coopstats.admin.username} (default {@code
 * admin}) and {@code coopstats.admin.password} ({@code COOPSTATS_ADMIN_PASSWORD}), which has no
 * default outside development and tests.
 */
@ApplicationScoped
public class AdminBootstrap {

  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

  void onStart(
      @Observes StartupEvent event,
      @ConfigProperty(name = "coopstats.admin.username", defaultValue = "admin") String username,
      @ConfigProperty(name = "coopstats.admin.password") Optional<String> password,
      UserService users) {
    if (password.isEmpty() || password.get().isBlank()) {
      if (users.list(org.coopstats.common.PageRequest.of(0, 1, 1, 1)).total() == 0) {
        LOG.warn(
            "No users and no COOPSTATS_ADMIN_PASSWORD: reading works, writing needs a user."
                + " Restart with COOPSTATS_ADMIN_PASSWORD set to create the first admin.");
      }
      return;
    }
    if (users.ensureAdmin(username, password.get())) {
      LOG.infof("Created the first admin user '%s' from configuration", username);
    }
  }
}
