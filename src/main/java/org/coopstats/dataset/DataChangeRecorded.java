package org.coopstats.dataset;

/** A release, scheduled release or withdrawal was recorded (fired inside its transaction). */
public record DataChangeRecorded(long datasetId) {}
