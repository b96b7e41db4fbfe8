package org.coopstats.tabulation;

import java.time.OffsetDateTime;

/** One tabulation as recorded: what it read and wrote, and its protection report (JSON). */
record TabulationRecord(
    long registerId,
    long datasetId,
    String period,
    int baseVersion,
    String actor,
    OffsetDateTime createdAt,
    long units,
    int cells,
    int primary,
    int secondary,
    String summaryJson) {}
