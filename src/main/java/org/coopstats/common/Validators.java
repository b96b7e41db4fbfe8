package org.coopstats.common;

import java.time.OffsetDateTime;

/**
 * What the validators of one answer (ETag, Last-Modified, Cache-Control) are made of; {@link
 * ConditionalResponses} turns them into headers and the 304 they allow.
 *
 * @param lastModified the last change of the data the answer is built from
 * @param revision what else the data's state is made of, in the ETag (for released data, how many
 *     releases are effective: a release stamped before the last one changes it and not the date); 0
 *     when the date says it all
 * @param variant tells apart the representations of one URL (the format), as the ETag must
 * @param weak for a body that differs between two answers on the same data (a message id, a
 *     prepared time)
 * @param unreleased for what only a dataset's provider sees: private, and never stored by a cache
 */
public record Validators(
    OffsetDateTime lastModified, long revision, String variant, boolean weak, boolean unreleased) {}
