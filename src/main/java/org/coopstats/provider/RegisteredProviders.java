package org.coopstats.provider;

import jakarta.enterprise.context.ApplicationScoped;
import org.coopstats.security.ProviderRegistry;

/** The registered providers, as security asks about them (users and tokens name one). */
@ApplicationScoped
class RegisteredProviders implements ProviderRegistry {

  @Override
  public boolean isRegistered(String providerId) {
    return Provider.findById(providerId) != null;
  }
}
