package org.coopstats.security;

/**
 * A user was created or deleted; fired inside the transaction that did it, so that the audit log
 * (which observes it) records it in the same transaction without security depending on audit.
 */
public record UserChanged(String actor, String action, String providerId, String detail) {}
