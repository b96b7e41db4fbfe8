package org.coopstats.security;

/**
 * Whether a provider is registered, as users and tokens name them. The provider package owns the
 * providers and implements this, so that security does not depend on it.
 */
public interface ProviderRegistry {

  boolean isRegistered(String providerId);
}
