/**
 * Statistical disclosure control of the tables derived from confidential registers: the primary
 * rules (frequency, (n,k)-dominance, p %, revision), secondary suppression and the audit by linear
 * programming that checks no suppressed cell can be recovered from the published ones. A pure
 * domain package: no HTTP, no CDI, no database; the tabulation computes the cells and relations and
 * asks {@link org.coopstats.disclosure.Protection} which to publish.
 */
package org.coopstats.disclosure;
