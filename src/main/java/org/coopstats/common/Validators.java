package org.coopstats.common;

import java.time.OffsetDateTime;

/**
 * What the validators of one answer (ETag, Last-Modified, Cache-Control) are made of; {@link
 * ConditionalResponses} turns them into headers and the 304 they allow.
 *
 * @param lastModified the last change of the data the answer is built from
 * @param variant tells apart the representations of one URL (the format), as the ETag must
 * @param weak for a body that differs between two answers on the same data (a message id, a
 *     prepared time)
 * @param unreleased for what only a dataset's provider sees: private, and never stored by a cache
 */
public record Validators(
    OffsetDateTime lastModified, String variant, boolean weak, boolean unreleased) {}
